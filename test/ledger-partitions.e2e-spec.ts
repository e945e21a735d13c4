import { DataSource } from 'typeorm';
import { LedgerPartitions } from '@app/database';
import { RollupsService } from '@app/rollups';
import {
  conversionBody,
  PAYOUT_LINKS,
  payoutCalls,
  relationshipFixture,
  runMigrationStep,
  schemaOf,
  useTestApp,
  withReferenceDatabase,
  withSql,
} from './support';

const LEDGER = ['conversions', 'cost_entries', 'relationship_daily_stats'];
const PARTITIONED = 'PartitionedLedger1795649000000';
/** Builds on PartitionedLedger: down first, up after it. */
const CLAIM_IN_INSERT = 'ConversionClaimInInsert1795655000000';
/** Replaces ledger_partition_create (daily partitions with a fillfactor): down first, up last. */
const HOT_UPDATES = 'RollupHotUpdates1795660000000';
/** Drops the spans' anchor key into the ledger (its down puts it back): down first, up last. */
const UNANCHORED = 'PayoutSpansUnanchored1795657000000';
/** Replaces the monthly trigger function RollupHotUpdates makes: down first, up last. */
const NET_WITHOUT_JOIN = 'MonthlyStatsNetWithoutJoin1795667000000';
/** Every row of the ledger and of what hangs on it, as text, in a stable order: equal before and after a conversion. */
const CONTENTS: Record<string, string> = {
  conversions: 'id',
  cost_entries: 'id',
  relationship_daily_stats: 'relationship_id, day',
  relationship_monthly_stats: 'relationship_id, month',
  conversion_reversals: 'id',
  payout_entries: 'payout_id, relationship_id, seqs',
};

/**
 * The partitioned ledger (PartitionedLedger migration, docs/scaling.md): the migration converts a database with
 * data in place and its down restores the schema as the earlier migrations made it, every row and id kept both
 * ways; the dedup keys and the foreign keys hold on the partitioned tables; ledger.partitions creates months
 * once and moves a month's rows out of the DEFAULT partition.
 */
describe('partitioned ledger (e2e)', () => {
  const ctx = useTestApp();
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withSql(ctx.t.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const post = (path: string, body: object) => ctx.t.http.post(path).set(ctx.owner.auth).send(body);
  const contents = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(CONTENTS).map(async ([table, order]) => {
          const [row] = await sql<{ n: number; digest: string }>(
            `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY ${order}), '')) AS digest FROM ${table} t`,
          );
          return [table, row] as const;
        }),
      ),
    );
  const kinds = async () =>
    Object.fromEntries(
      (await sql<{ relname: string; relkind: string }>(`SELECT relname, relkind FROM pg_class WHERE relname = ANY($1)`, [LEDGER])).map(
        (r) => [r.relname, r.relkind],
      ),
    );
  const partitionOf = async (table: string, where: string, params: unknown[]) =>
    (await sql<{ p: string }>(`SELECT tableoid::regclass::text AS p FROM ${table} WHERE ${where}`, params)).map((r) => r.p);
  const migration = (name: string, step: 'up' | 'down', dataSource = ctx.t.app.get(DataSource)) => runMigrationStep(dataSource, name, step);

  let relationshipId: string;
  let reversed: string;
  beforeAll(async () => {
    relationshipId = (await relationshipFixture(ctx.t.http, ctx.owner)).id;
    const orders = [];
    for (const occurredAt of ['2026-02-03T10:00:00Z', '2026-02-28T23:30:00Z', '2026-03-10T11:00:00Z'])
      orders.push((await post('/v1/conversions', conversionBody({ relationshipId, occurredAt })).expect(201)).body.id as string);
    reversed = orders[2];
    await post(`/v1/conversions/${reversed}/reverse`, { amount: '20.00', reason: 'damaged' }).expect(200);
    await post(`/v1/relationships/${relationshipId}/costs`, { kind: 'product', amount: '49.90', incurredOn: '2026-02-15' }).expect(201);
    const { earn, run } = payoutCalls(ctx.t.http, ctx.owner);
    await earn(relationshipId, '120.00', '2026-03-05');
    await earn(relationshipId, '30.00', '2026-03-06');
    await run('2026-03-31');
    await ctx.t.app.get(RollupsService).sweep();
  });

  it('converts in place and back with the data: same rows and ids, the earlier schema restored by down', async () => {
    await migration(NET_WITHOUT_JOIN, 'down');
    await migration(UNANCHORED, 'down');
    const before = await contents();
    expect(before.payout_entries.n).toBe(1);
    expect(before.relationship_daily_stats.n).toBeGreaterThan(3);
    expect(await kinds()).toEqual({ conversions: 'p', cost_entries: 'p', relationship_daily_stats: 'p' });
    const latest = schemaOf(ctx.t.databaseUrl);

    // RollupHotUpdates: down and up again give the same schema, and it goes before the two below.
    await migration(HOT_UPDATES, 'down');
    const withoutFillfactor = schemaOf(ctx.t.databaseUrl);
    expect(withoutFillfactor).not.toEqual(latest);
    await migration(HOT_UPDATES, 'up');
    expect(schemaOf(ctx.t.databaseUrl)).toEqual(latest);
    await migration(HOT_UPDATES, 'down');
    // ConversionClaimInInsert: down and up again give the same schema; its down is PartitionedLedger's (below).
    await migration(CLAIM_IN_INSERT, 'down');
    const claimedByTrigger = schemaOf(ctx.t.databaseUrl);
    expect(claimedByTrigger).not.toEqual(latest);
    await migration(CLAIM_IN_INSERT, 'up');
    await migration(CLAIM_IN_INSERT, 'down');
    expect(await contents()).toEqual(before);

    await migration(PARTITIONED, 'down');
    expect(await kinds()).toEqual({ conversions: 'r', cost_entries: 'r', relationship_daily_stats: 'r' });
    expect(await contents()).toEqual(before);
    // The schema every other migration makes, on an empty database of the same server.
    await withReferenceDatabase(
      `acrm_test_partitions_ref_${process.pid}`,
      [PARTITIONED, CLAIM_IN_INSERT, HOT_UPDATES, UNANCHORED, NET_WITHOUT_JOIN],
      async (earlier, url) => {
        expect(schemaOf(ctx.t.databaseUrl)).toEqual(schemaOf(url));
        // And ConversionClaimInInsert's down gave back exactly what PartitionedLedger makes.
        await migration(PARTITIONED, 'up', earlier);
        expect(schemaOf(url)).toEqual(claimedByTrigger);
      },
    );

    await migration(PARTITIONED, 'up');
    await migration(CLAIM_IN_INSERT, 'up');
    await migration(HOT_UPDATES, 'up');
    expect(await kinds()).toEqual({ conversions: 'p', cost_entries: 'p', relationship_daily_stats: 'p' });
    expect(await contents()).toEqual(before);
    // Each month with rows got its partition: nothing is left in DEFAULT.
    expect(await partitionOf('conversions', 'relationship_id = $1', [relationshipId])).toEqual([
      'conversions_p2026_02',
      'conversions_p2026_02',
      'conversions_p2026_03',
    ]);
    for (const table of LEDGER) expect(await sql(`SELECT 1 FROM ${table}_default`)).toEqual([]);
    await migration(UNANCHORED, 'up');
    await migration(NET_WITHOUT_JOIN, 'up');
    // A dozen migration steps, seven schema dumps and a reference database: 27-36 s and more under a shared machine's load.
  }, 90_000);

  it('still deduplicates conversions and cost sources, and keeps the foreign keys into the ledger', async () => {
    const body = conversionBody({ relationshipId, occurredAt: '2026-03-20T09:00:00Z' });
    const first = (await post('/v1/conversions', body).expect(201)).body;
    expect((await post('/v1/conversions', body).expect(200)).body.id).toBe(first.id);
    // The same order sent with another month: the key is taken, whatever partition the new date would go to.
    expect((await post('/v1/conversions', { ...body, occurredAt: '2026-02-01T09:00:00Z' }).expect(409)).body.fields).toEqual([
      'occurredAt',
    ]);
    const batch = await post('/v1/conversions/batch', { conversions: [body, { ...body, occurredAt: '2026-01-05T09:00:00Z' }] }).expect(200);
    expect(batch.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(batch.body.conflicts).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM conversions WHERE external_id = $1`, [body.externalId])).toHaveLength(1);

    // A date with microseconds: reads through the claim carry it exactly (as a Date it would lose them and miss the row).
    const precise = conversionBody({ relationshipId, occurredAt: '2026-03-22T09:00:00.123456Z' });
    const stored = (await post('/v1/conversions', precise).expect(201)).body;
    expect((await post('/v1/conversions', precise).expect(200)).body.id).toBe(stored.id);
    await ctx.t.http.get(`/v1/conversions/${stored.id}`).set(ctx.owner.auth).expect(200);

    // A writer that does not claim (SQL by hand, not ConversionWriter): its new key is claimed for it, a taken
    // key refuses the statement, whatever the date.
    const byHand = (externalId: string, occurredAt: string) =>
      sql<{ id: string }>(
        `INSERT INTO conversions (workspace_id, relationship_id, source, external_id, occurred_at, currency, gross_amount, net_amount)
         VALUES ($1, $2, 'api', $3, $4, 'EUR', 10, 10) RETURNING id`,
        [ctx.owner.workspaceId, relationshipId, externalId, occurredAt],
      );
    const [own] = await byHand(`by-hand-${Date.now()}`, '2026-03-02T00:00:00Z');
    expect(
      await sql(`SELECT 1 FROM conversion_keys WHERE conversion_id = $1 AND occurred_at = '2026-03-02T00:00:00Z'`, [own.id]),
    ).toHaveLength(1);
    await expect(byHand(String(body.externalId), '2026-04-02T00:00:00Z')).rejects.toThrow(/already claimed by another conversion/);
    expect(await sql(`SELECT 1 FROM conversions WHERE external_id = $1`, [body.externalId])).toHaveLength(1);
    // A date moved to another month moves the row to that partition: its claim follows, its reversals stay.
    await sql(`UPDATE conversions SET occurred_at = '2026-02-20T08:00:00Z' WHERE id = $1`, [reversed]);
    expect(await partitionOf('conversions', 'id = $1', [reversed])).toEqual(['conversions_p2026_02']);
    expect(
      await sql(`SELECT 1 FROM conversion_keys WHERE conversion_id = $1 AND occurred_at = '2026-02-20T08:00:00Z'`, [reversed]),
    ).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM conversion_reversals WHERE conversion_id = $1`, [reversed])).toHaveLength(1);

    // Written by hand, the same source twice: the second row is skipped, as ON CONFLICT DO NOTHING did.
    const source = '00000000-0000-4000-8000-000000000001';
    const entry = (when: string) =>
      sql(
        `INSERT INTO cost_entries (workspace_id, relationship_id, kind, amount, currency, incurred_on, source_id)
         VALUES ($1, $2, 'other', 1, 'EUR', $3, $4) RETURNING id`,
        [ctx.owner.workspaceId, relationshipId, when, source],
      );
    expect(await entry('2026-03-01')).toHaveLength(1);
    expect(await entry('2026-04-01')).toEqual([]);
    await expect(sql(`UPDATE cost_entries SET source_id = gen_random_uuid() WHERE source_id = $1`, [source])).rejects.toThrow(
      /never changes/,
    );

    // tr_cost_entries_keep_paid: no entry a payout holds can go, each one of its span (not only one, as the key was).
    const paid = await sql<{ id: string }>(`SELECT cost_entry_id AS id FROM ${PAYOUT_LINKS} l WHERE NOT l.released`);
    expect(paid.length).toBeGreaterThan(1);
    for (const { id } of paid)
      await expect(sql(`DELETE FROM cost_entries WHERE id = $1`, [id])).rejects.toThrow(/is in a payout: it cannot be deleted/);
    await expect(sql(`UPDATE cost_entries SET incurred_on = incurred_on - 40 WHERE id = $1`, [paid[0].id])).rejects.toThrow(
      /is in a payout: it cannot be deleted/,
    );
    // conversion_reversals -> conversion_keys: deleting a conversion releases its key and takes its reversals, as before.
    await sql(`DELETE FROM conversions WHERE id = $1`, [reversed]);
    expect(
      await sql(
        `SELECT 1 FROM conversion_reversals WHERE conversion_id = $1 UNION ALL SELECT 1 FROM conversion_keys WHERE conversion_id = $1`,
        [reversed],
      ),
    ).toEqual([]);
  });

  it('ledger.partitions creates the months ahead once and moves a month found in DEFAULT into its own partition', async () => {
    const partitions = new LedgerPartitions(ctx.t.app.get(DataSource));
    const old = (await post('/v1/conversions', conversionBody({ relationshipId, occurredAt: '2025-06-15T12:00:00Z' })).expect(201)).body;
    await post(`/v1/conversions/${old.id}/reverse`, { amount: '5.00', reason: 'damaged' }).expect(200);
    await ctx.t.app.get(RollupsService).sweep();
    expect(await partitionOf('conversions', 'id = $1', [old.id])).toEqual(['conversions_default']);
    const before = await contents();

    const report = await partitions.run(5);
    expect(report.created).toEqual(expect.arrayContaining(['conversions_p2025_06', 'relationship_daily_stats_p2025_06']));
    expect(report.moved).toBeGreaterThanOrEqual(2);
    expect(await partitionOf('conversions', 'id = $1', [old.id])).toEqual(['conversions_p2025_06']);
    expect(await contents()).toEqual(before);
    // Months ahead: this one and 5 more exist for each table.
    const [{ months }] = await sql<{ months: number }>(
      `SELECT count(*)::int AS months FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'), date_trunc('month', now() AT TIME ZONE 'UTC') + interval '5 months', interval '1 month') m,
         unnest($1::text[]) t WHERE to_regclass(t || '_p' || to_char(m, 'YYYY_MM')) IS NOT NULL`,
      [LEDGER],
    );
    expect(months).toBe(18);
    // Daily partitions keep room for HOT updates (RollupHotUpdates); the other ledgers' do not.
    expect(
      await sql(
        `SELECT relname, reloptions FROM pg_class WHERE relname IN ('relationship_daily_stats_p2025_06', 'conversions_p2025_06') ORDER BY 1`,
      ),
    ).toEqual([
      { relname: 'conversions_p2025_06', reloptions: null },
      { relname: 'relationship_daily_stats_p2025_06', reloptions: ['fillfactor=90'] },
    ]);
    expect(await partitions.run(5)).toEqual({ created: [], moved: 0 });
    // The moved row keeps its key: the same order with another date is still a conflict.
    await post(
      '/v1/conversions',
      conversionBody({ externalId: old.externalId, relationshipId, occurredAt: '2026-03-01T00:00:00Z' }),
    ).expect(409);
  });
});
