import bcrypt from 'bcryptjs';
import { Client } from 'pg';
import { createTestApp, Session, signup, TestApp } from './support';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('signs up, logs in and reads /v1/me', async () => {
    const session: Session = await signup(t.http, { email: 'Ada@Example.com', password: 'a long password' });
    const login = await t.http.post('/v1/auth/login').send({ email: 'ada@example.com', password: 'a long password' }).expect(200);
    const me = await t.http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({
      role: 'owner',
      user: { id: session.userId, email: 'Ada@Example.com' },
      workspace: { id: session.workspaceId },
    });
  });

  it('answers 401 problem+json without a token, with a bad token and with a bad password', async () => {
    const missing = await t.http.get('/v1/me').expect(401);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 401, title: 'Unauthorized', type: expect.any(String), detail: expect.any(String) });
    await t.http.get('/v1/me').set({ Authorization: 'Bearer nope' }).expect(401);
    await t.http.get('/v1/me').set({ Authorization: 'Bearer ak_nope' }).expect(401);
    const session = await signup(t.http);
    await t.http.post('/v1/auth/login').send({ email: session.email, password: 'wrong password!' }).expect(401);
    await t.http.post('/v1/auth/login').send({ email: 'nobody@example.com', password: 'wrong password!' }).expect(401);
  });

  it('counts every character of a password, past the 72 bytes bcrypt reads, and refuses a blank one', async () => {
    const long = 'a'.repeat(72);
    const session = await signup(t.http, { password: `${long}-mine` });
    await t.http
      .post('/v1/auth/login')
      .send({ email: session.email, password: `${long}-mine` })
      .expect(200);
    await t.http
      .post('/v1/auth/login')
      .send({ email: session.email, password: `${long}-other` })
      .expect(401);
    const blank = await t.http
      .post('/v1/auth/signup')
      .send({ workspaceName: 'W', name: 'N', email: 'blank@example.com', password: ' '.repeat(10) })
      .expect(400);
    expect(blank.body.errors).toEqual([{ field: 'password', message: 'must not be blank' }]);
  });

  it('logs in with a hash from before the pre-hash and replaces it with a current one', async () => {
    const session = await signup(t.http);
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const old = bcrypt.hashSync('an older password', 4);
      await db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [old, session.userId]);
      await t.http.post('/v1/auth/login').send({ email: session.email, password: 'an older password' }).expect(200);
      const { rows } = await db.query('SELECT password_hash FROM users WHERE id = $1', [session.userId]);
      expect(rows[0].password_hash).toMatch(/^v2\$\$2[aby]\$04\$/);
      await t.http.post('/v1/auth/login').send({ email: session.email, password: 'an older password' }).expect(200);
      await t.http.post('/v1/auth/login').send({ email: session.email, password: 'another password' }).expect(401);
    } finally {
      await db.end();
    }
  });

  it('refuses a second signup with the same email, case-insensitively, and writes nothing', async () => {
    const session = await signup(t.http);
    const again = await t.http
      .post('/v1/auth/signup')
      .send({ workspaceName: 'Other', name: 'X', email: session.email.toUpperCase(), password: 'another password' })
      .expect(409);
    expect(again.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('already registered') }]);
  });

  it('rejects unknown and invalid fields naming them', async () => {
    const response = await t.http
      .post('/v1/auth/signup')
      .send({ workspaceName: 'W', name: 'N', email: 'not-an-email', password: 'short', role: 'owner' })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'role']));
  });
});

describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('documents problem+json errors on every operation and which routes need no token', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail']);
    const signup = doc.paths['/v1/auth/signup'].post;
    expect(signup.security).toEqual([]);
    expect(signup.responses['400'].content['application/problem+json']).toBeDefined();
    expect(signup.responses['401']).toBeUndefined();
    expect(doc.paths['/health'].get.security).toEqual([]);
    const listBrands = doc.paths['/v1/brands'].get;
    expect(listBrands.security).toBeUndefined();
    expect(Object.keys(listBrands.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    await t.http.get('/health').expect(200);
  });
});
