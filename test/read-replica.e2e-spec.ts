import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { migrate } from '@app/database';
import {
  createTestApp,
  eventually,
  influencerBody,
  PostgresReplicaPair,
  relationshipFixture,
  Session,
  signup,
  stopAllProcesses,
  TestApp,
} from './support';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_LAG_MS = 4_000;
const AFTER_WRITE_MS = 2_000;

/**
 * The API with DATABASE_READ_URL on a real streaming replica (pg_basebackup -R of a primary of the test's
 * own). Whether a read came from the replica shows by pausing its replay and changing a row on the primary
 * behind the API's back: the replica still has the old value.
 */
describe('read replica (e2e: API, private primary and streaming replica)', () => {
  let pair: PostgresReplicaPair;
  let t: TestApp;
  let owner: Session;
  let primary: Client;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  let influencerId: string;
  let brandId: string;
  let relationshipId: string;

  beforeAll(async () => {
    pair = await PostgresReplicaPair.start();
    const admin = new Client({ connectionString: pair.primaryUrl() });
    await admin.connect();
    await admin.query('CREATE DATABASE acrm');
    await admin.end();
    await migrate(pair.primaryUrl('acrm'));
    t = await createTestApp(
      {
        DATABASE_READ_URL: pair.replicaUrl('acrm'),
        DB_READ_MAX_LAG_MS: String(MAX_LAG_MS),
        DB_READ_AFTER_WRITE_MS: String(AFTER_WRITE_MS),
      },
      undefined,
      { url: pair.primaryUrl('acrm'), drop: async () => undefined },
    );
    primary = new Client({ connectionString: pair.primaryUrl('acrm') });
    await primary.connect();
    owner = await signup(t.http);
    influencerId = (
      await t.http
        .post('/v1/influencers')
        .set(owner.auth)
        .send(influencerBody({ name: 'Original' }))
        .expect(201)
    ).body.id;
    const relationship = await relationshipFixture(t.http, owner);
    [brandId, relationshipId] = [relationship.brandId, relationship.id];
    // The first lag-tolerant read starts the lag probes (once a second); the replica serves once one answered.
    await t.http.get('/v1/influencers').set(owner.auth).expect(200);
    warn = jest.spyOn(Logger.prototype, 'warn');
    log = jest.spyOn(Logger.prototype, 'log');
  });

  afterAll(async () => {
    warn?.mockRestore();
    log?.mockRestore();
    await primary?.end();
    await t?.close();
    await stopAllProcesses();
    await pair?.close();
  });

  const nameInList = async () =>
    ((await t.http.get('/v1/influencers?limit=100').set(owner.auth).expect(200)).body.data as { id: string; name: string }[]).find(
      (i) => i.id === influencerId,
    )?.name;
  const replicaWarnings = () => warn.mock.calls.map(([message]) => String(message)).filter((m) => m.startsWith('read replica'));
  const servesAgain = () => log.mock.calls.some(([message]) => String(message).startsWith('read replica serves again'));

  /** Replay paused just after a fresh commit (so the lag counts from now), then the name changed on the primary only. */
  async function renameBehindTheReplica(name: string): Promise<void> {
    await primary.query(`UPDATE influencers SET name = $2 WHERE id = $1`, [influencerId, `${name}-baseline`]);
    const replica = new Client({ connectionString: pair.replicaUrl('acrm') });
    await replica.connect();
    await eventually('baseline replayed', async () => {
      const { rows } = await replica.query(`SELECT name FROM influencers WHERE id = $1`, [influencerId]);
      return rows[0]?.name === `${name}-baseline`;
    });
    await replica.end();
    await pair.pauseReplay();
    await primary.query(`UPDATE influencers SET name = $2 WHERE id = $1`, [influencerId, name]);
  }

  it('serves a GET list from the replica, and from the primary once it lags past DB_READ_MAX_LAG_MS, with a warning', async () => {
    await sleep(AFTER_WRITE_MS + 200);
    await renameBehindTheReplica('Renamed');
    expect(await nameInList()).toBe('Renamed-baseline');
    expect(replicaWarnings()).toEqual([]);

    await sleep(MAX_LAG_MS + 1_500);
    expect(await nameInList()).toBe('Renamed');
    expect(replicaWarnings()).toEqual([expect.stringMatching(/^read replica lags \d+ ms .*go to the primary/)]);

    log.mockClear();
    await pair.resumeReplay();
    await eventually('replica serves again', async () => (await nameInList()) === 'Renamed' && servesAgain());
  });

  it("reads a workspace's own write from the primary while DB_READ_AFTER_WRITE_MS lasts", async () => {
    await sleep(AFTER_WRITE_MS + 200);
    await renameBehindTheReplica('Behind');
    expect(await nameInList()).toBe('Behind-baseline');
    // A write request of the workspace (replay still paused, so the replica lacks it): the next reads go to the primary.
    const created = (await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201)).body.id;
    const listed = (await t.http.get('/v1/influencers?limit=100').set(owner.auth).expect(200)).body.data as { id: string }[];
    expect(listed.map((i) => i.id)).toContain(created);
    expect(await nameInList()).toBe('Behind');
    await sleep(AFTER_WRITE_MS + 200);
    expect(await nameInList()).toBe('Behind-baseline');
    await pair.resumeReplay();
  });

  it('answers lists, reports and performance series from the primary while the replica is down, with a warning', async () => {
    await sleep(AFTER_WRITE_MS + 200);
    warn.mockClear();
    await pair.stopReplica();
    await primary.query(`UPDATE influencers SET name = 'Primary only' WHERE id = $1`, [influencerId]);
    expect(await nameInList()).toBe('Primary only');
    await t.http.get('/v1/relationships').set(owner.auth).expect(200);
    await t.http.get(`/v1/deliverables`).set(owner.auth).expect(200);
    await t.http.get(`/v1/relationships/${relationshipId}/performance`).set(owner.auth).expect(200);
    await t.http.get(`/v1/reports/quarterly?brandId=${brandId}&quarter=2026-Q1`).set(owner.auth).expect(200);
    expect(replicaWarnings()).toEqual([expect.stringMatching(/^read replica (failed|is unreachable).*go to the primary/)]);

    log.mockClear();
    await pair.startReplica();
    await eventually('replica serves again after its restart', async () => (await nameInList()) === 'Primary only' && servesAgain());
  });
});
