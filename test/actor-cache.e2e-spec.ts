import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { apiAppOptions, configureApp } from '../apps/api/src/core/app.setup';
import { ActorCache } from '@app/workspaces';
import { addMember, apiKeySession, brandBody, browserSession, signup, useTestApp } from './support';
import { eventually } from './support/processes';

/**
 * Roles are cached per process (ActorCache) and dropped on the NOTIFY the members, api_keys and sessions
 * triggers send at commit. Two API instances on one database, as two replicas: changes are made through the first,
 * and the very next request to the second must see them.
 */
describe('role cache across API processes (e2e)', () => {
  const ctx = useTestApp();
  let other: NestExpressApplication;
  let replica: TestAgent;
  const db = () => ctx.t.app.get(DataSource);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(ctx.t.env)] }).compile();
    other = moduleRef.createNestApplication<NestExpressApplication>(apiAppOptions);
    configureApp(other);
    await other.init();
    replica = request(other.getHttpServer());
  });
  afterAll(() => other?.close());

  /** The replica has read (and cached) this token's or cookie's role. */
  const warm = async (auth: Record<string, string>, role: string) => {
    for (let i = 0; i < 2; i++) expect((await replica.get('/v1/me').set(auth).expect(200)).body.role).toBe(role);
  };

  /** The replica's listening connection (private to ActorCache): these tests hold up what it receives. */
  const listener = () => other.get(ActorCache) as unknown as { client: { connection: { stream: Socket } }; listening: boolean };

  /**
   * A manager the replica keeps is deleted straight in the database while the replica's connection holds back what
   * PostgreSQL sends it (a process starved of CPU), for `releaseAfterMs` (or until answered): the next request is refused.
   */
  const refusedWhileHeldUp = async (releaseAfterMs?: number) => {
    const colleague = await signup(ctx.t.http);
    const { memberId, auth } = await addMember(ctx.t, ctx.owner, colleague, 'manager');
    await warm(auth, 'manager');
    const socket = listener().client.connection.stream;
    socket.pause();
    try {
      await db().query('DELETE FROM members WHERE id = $1', [memberId]);
      if (releaseAfterMs !== undefined) setTimeout(() => socket.resume(), releaseAfterMs);
      await replica.get('/v1/me').set(auth).expect(401);
    } finally {
      socket.resume();
    }
  };

  it('keeps the role it read: a change that sends no notice is not seen', async () => {
    const colleague = await signup(ctx.t.http);
    const { memberId, auth } = await addMember(ctx.t, ctx.owner, colleague, 'viewer');
    await warm(auth, 'viewer');
    // Without its trigger the update notifies nobody: the replica keeps answering from what it read.
    await db().transaction(async (manager) => {
      await manager.query('ALTER TABLE members DISABLE TRIGGER members_actor_change');
      await manager.query(`UPDATE members SET role = 'manager' WHERE id = $1`, [memberId]);
      await manager.query('ALTER TABLE members ENABLE TRIGGER members_actor_change');
    });
    expect((await replica.get('/v1/me').set(auth).expect(200)).body.role).toBe('viewer');
    // Any change with its notice empties the cache (once the notice has arrived: nothing here waits for it).
    const seen = other.get(ActorCache).mark();
    await db().query(`UPDATE members SET role = 'manager' WHERE id = $1`, [memberId]);
    await eventually('the notice reaching the replica', async () => other.get(ActorCache).mark() > seen);
    await replica.post('/v1/brands').set(auth).send(brandBody()).expect(201);
  });

  it('refuses a member removed through another process on the next request', async () => {
    const colleague = await signup(ctx.t.http);
    const { memberId, auth } = await addMember(ctx.t, ctx.owner, colleague, 'manager');
    await warm(auth, 'manager');
    await ctx.t.http.delete(`/v1/members/${memberId}`).set(ctx.owner.auth).expect(204);
    await replica.get('/v1/me').set(auth).expect(401);
  });

  it('refuses a removed member on the next request even while the notice is still on its way to this process', async () => {
    await refusedWhileHeldUp(300);
  });

  it('applies a role lowered through another process on the next request', async () => {
    const colleague = await signup(ctx.t.http);
    const { memberId, auth } = await addMember(ctx.t, ctx.owner, colleague, 'manager');
    await warm(auth, 'manager');
    await ctx.t.http.patch(`/v1/members/${memberId}`).set(ctx.owner.auth).send({ role: 'viewer' }).expect(200);
    const refused = await replica.post('/v1/brands').set(auth).send(brandBody()).expect(403);
    expect(refused.body.code).toBe('INSUFFICIENT_ROLE');
  });

  it('refuses an API key revoked through another process on the next request', async () => {
    const key = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    await warm(key.auth, 'manager');
    await ctx.t.http.delete(`/v1/api-keys/${key.id}`).set(ctx.owner.auth).expect(204);
    await replica.get('/v1/me').set(key.auth).expect(401);
  });

  it('stops trusting kept roles when the listening connection stops answering, and listens again', async () => {
    // The notice never gets through: after its wait the replica drops the connection and reads the database.
    await refusedWhileHeldUp();
    await eventually('the replica listening again', async () => listener().listening);
    const seen = other.get(ActorCache).mark();
    await db().query('DELETE FROM sessions WHERE false');
    await eventually('a notice on the new connection', async () => other.get(ActorCache).mark() > seen);
  });

  describe('browser sessions', () => {
    it('keeps a session it read: a sign-out that sends no notice is not seen', async () => {
      const person = await signup(ctx.t.http);
      const cookie = await browserSession(ctx.t.http, person);
      await warm(cookie, 'owner');
      await db().transaction(async (manager) => {
        await manager.query('ALTER TABLE sessions DISABLE TRIGGER sessions_actor_change');
        await manager.query('DELETE FROM sessions WHERE user_id = $1', [person.userId]);
        await manager.query('ALTER TABLE sessions ENABLE TRIGGER sessions_actor_change');
      });
      await replica.get('/v1/me').set(cookie).expect(200);
      // Any statement on sessions notifies, even one that changes no row.
      const seen = other.get(ActorCache).mark();
      await db().query('DELETE FROM sessions WHERE false');
      await eventually('the notice reaching the replica', async () => other.get(ActorCache).mark() > seen);
      await replica.get('/v1/me').set(cookie).expect(401);
    });

    it('refuses a session signed out through another process on the next request', async () => {
      const person = await signup(ctx.t.http);
      const cookie = await browserSession(ctx.t.http, person);
      await warm(cookie, 'owner');
      await ctx.t.http.delete('/v1/auth/session').set(cookie).expect(204);
      await replica.get('/v1/me').set(cookie).expect(401);
    });

    it('follows a workspace switch made through another process on the next request', async () => {
      const colleague = await signup(ctx.t.http);
      await addMember(ctx.t, ctx.owner, colleague, 'viewer');
      const cookie = await browserSession(ctx.t.http, colleague);
      await warm(cookie, 'owner');
      await ctx.t.http.patch('/v1/auth/session').set(cookie).send({ workspaceId: ctx.owner.workspaceId }).expect(200);
      const me = await replica.get('/v1/me').set(cookie).expect(200);
      expect(me.body).toMatchObject({ role: 'viewer', workspace: { id: ctx.owner.workspaceId } });
    });

    it('refuses the cookie of a member removed through another process on the next request', async () => {
      const colleague = await signup(ctx.t.http);
      const { memberId } = await addMember(ctx.t, ctx.owner, colleague, 'manager');
      const cookie = await browserSession(ctx.t.http, colleague);
      await ctx.t.http.patch('/v1/auth/session').set(cookie).send({ workspaceId: ctx.owner.workspaceId }).expect(200);
      await warm(cookie, 'manager');
      await ctx.t.http.delete(`/v1/members/${memberId}`).set(ctx.owner.auth).expect(204);
      await replica.get('/v1/me').set(cookie).expect(401);
    });

    it('refuses a kept session once it expires, with no notice', async () => {
      const person = await signup(ctx.t.http);
      const cookie = await browserSession(ctx.t.http, person);
      // Read the mark before the statement: its notice may arrive before the query call returns.
      const seen = other.get(ActorCache).mark();
      await db().query(`UPDATE sessions SET expires_at = now() + interval '8 seconds' WHERE user_id = $1`, [person.userId]);
      await eventually('the notice reaching the replica', async () => other.get(ActorCache).mark() > seen);
      await warm(cookie, 'owner');
      await eventually('the session expiring', async () => (await replica.get('/v1/me').set(cookie)).status === 401, {
        timeoutMs: 30_000,
      });
      // No notice came in between: the kept entry itself ended.
      expect(other.get(ActorCache).mark()).toBe(seen + 1);
    });
  });
});
