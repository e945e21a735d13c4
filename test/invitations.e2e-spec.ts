import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@app/common';
import { NotificationSender, NotificationsService } from '@app/notifications';
import { JobSchedules } from '../apps/worker/src/job-schedules';
import {
  apiKeySession,
  createTestApp,
  createTestWorker,
  openApiDocument,
  readAuditLog,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  TestApp,
  waitFor,
} from './support';

const INVITATION_FIELDS = ['acceptedByUserId', 'createdAt', 'email', 'expiresAt', 'id', 'invitedByUserId', 'role', 'status'];

describe('member invitations (e2e: API, worker, SMTP sink, FixedClock)', () => {
  const clock = new FixedClock(new Date('2026-09-15T12:00:00Z'));
  let sink: SmtpSink;
  let t: TestApp;
  let worker: INestApplicationContext;
  let owner: Session;
  const db = () => t.app.get(DataSource);
  const address = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.com`;
  const invite = (email: string, role = 'viewer', auth = owner.auth) => t.http.post('/v1/members').set(auth).send({ email, role });
  /** The token of the one invitation email delivered to `email`, waiting for it. */
  const emailedToken = async (email: string): Promise<string> => {
    const mail = await waitFor(() => sink.messages.find((m) => m.to.includes(email.toLowerCase())), 20_000);
    return /\/app\/join\?token=([\w.-]+)/.exec(mail!.text)![1];
  };
  const accept = (token: string, auth: { Authorization: string }) => t.http.post('/v1/invitations/accept').set(auth).send({ token });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, JOB_BACKOFF_MS: '50' }, (b) => b.overrideProvider(Clock).useValue(clock));
    owner = await signup(t.http, { name: 'Olga Owner' });
    worker = await createTestWorker(t.env, (b) => b.overrideProvider(Clock).useValue(clock).overrideProvider(JobSchedules).useValue({}));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  it('answers the same for an existing account and an unknown address, reveals no account data and creates no user', async () => {
    const existing = await signup(t.http, { name: 'Secret Name' });
    const unknown = address('unknown');
    const answers = [await invite(existing.email).expect(202), await invite(unknown).expect(202)];
    for (const { body } of answers) {
      expect(Object.keys(body).sort()).toEqual(INVITATION_FIELDS);
      expect(body).toMatchObject({ role: 'viewer', status: 'pending', invitedByUserId: owner.userId, acceptedByUserId: null });
      expect(new Date(body.expiresAt)).toEqual(new Date('2026-09-22T12:00:00Z'));
    }
    expect(JSON.stringify(answers[0].body)).not.toMatch(/Secret Name|userId/);
    expect((await db().query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = $1`, [unknown]))[0].n).toBe(0);
    // Not a member yet: nothing of the workspace opens to them until they accept.
    expect((await t.http.get('/v1/members').set(owner.auth).expect(200)).body.data).toHaveLength(1);
  });

  it('emails one invitation through the outbox; the signed-in invitee accepts once and is a member with the role', async () => {
    const colleague = await signup(t.http);
    const { body: invitation } = await invite(colleague.email.toUpperCase(), 'manager').expect(202);
    const token = await emailedToken(colleague.email);
    const mail = sink.messages.find((m) => m.to.includes(colleague.email))!;
    expect(mail.subject).toMatch(/^Olga Owner invited you to Workspace \w+ on Ambassador CRM$/);
    expect(mail.text).toContain('as manager');
    // The console's join page (a person signs up or in there and joins: web-console e2e), not an API route.
    const joinUrl = `http://localhost:3000/app/join?token=${token}`;
    expect(mail.html).toContain(`href="${joinUrl}"`);
    expect(mail.text.match(/https?:\/\/\S+/g)).toEqual([joinUrl]);

    // What the page reads, accepting nothing.
    const preview = await t.http.get(`/v1/invitations/preview?token=${token}`).expect(200);
    expect(preview.body).toEqual({
      workspaceName: expect.stringMatching(/^Workspace \w+$/),
      role: 'manager',
      email: colleague.email.toUpperCase(),
      expiresAt: invitation.expiresAt,
    });
    // A link sent before the join page shows the invitation, accepts nothing and sends the person on to it.
    const page = await t.http.get(`/v1/invitations/accept?token=${token}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/Join Workspace \w+<\/h1><p>You are invited as <b>manager<\/b>/);
    expect(page.text).toContain(`<a href="${joinUrl}">Accept the invitation</a>`);
    expect((await t.http.get(`/v1/invitations/${invitation.id}`).set(owner.auth).expect(200)).body.status).toBe('pending');

    const accepted = await accept(token, colleague.auth).expect(200);
    expect(accepted.body.workspace.id).toBe(owner.workspaceId);
    expect(accepted.body.member).toMatchObject({ userId: colleague.userId, email: colleague.email, role: 'manager' });
    const me = await t.http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${accepted.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ role: 'manager', workspace: { id: owner.workspaceId } });
    // Single use.
    expect((await accept(token, colleague.auth).expect(404)).body.code).toBe('INVITATION_INVALID');
    expect((await t.http.get(`/v1/invitations/accept?token=${token}`).expect(404)).text).toContain('Invitation not valid');
    expect((await t.http.get(`/v1/invitations/preview?token=${token}`).expect(404)).body.code).toBe('INVITATION_INVALID');
    expect((await t.http.get(`/v1/invitations/${invitation.id}`).set(owner.auth).expect(200)).body).toMatchObject({
      status: 'accepted',
      acceptedByUserId: colleague.userId,
    });

    // Exactly once: the row is sent, and enqueueing it again sends nothing more.
    const rows = await db().query(`SELECT id, status, recipients FROM notifications WHERE subject_id = $1`, [invitation.id]);
    expect(rows).toEqual([{ id: expect.any(String), status: 'sent', recipients: [colleague.email.toUpperCase()] }]);
    await t.app.get(NotificationsService).enqueueSend([rows[0].id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.messages.filter((m) => m.to.includes(colleague.email))).toHaveLength(1);
  });

  it('a new person signs up with the token into the inviting workspace; a wrong address is refused and writes nothing', async () => {
    const email = address('newcomer');
    await invite(email).expect(202);
    const token = await emailedToken(email);
    const body = { name: 'New Comer', email, password: 'correct horse battery', inviteToken: token };

    const wrong = await t.http
      .post('/v1/auth/signup')
      .send({ ...body, email: address('other') })
      .expect(403);
    expect(wrong.body.code).toBe('INVITATION_FOR_ANOTHER_EMAIL');
    expect((await db().query(`SELECT count(*)::int AS n FROM users WHERE name = 'New Comer'`))[0].n).toBe(0);

    const signed = await t.http.post('/v1/auth/signup').send(body).expect(201);
    expect(signed.body.workspace.id).toBe(owner.workspaceId);
    const me = await t.http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${signed.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ role: 'viewer', user: { email } });
    expect((await db().query(`SELECT count(*)::int AS n FROM members WHERE user_id = $1`, [signed.body.user.id]))[0].n).toBe(1);
    expect((await t.http.post('/v1/auth/signup').send(body).expect(409)).body.code).toBe('EMAIL_TAKEN');
  });

  it("a pending invitation blocks nobody's signup; someone who signed up on their own joins by logging in with the token", async () => {
    const email = address('independent');
    await invite(email).expect(202);
    const token = await emailedToken(email);
    const own = await signup(t.http, { email });
    expect(own.workspaceId).not.toBe(owner.workspaceId);
    const login = await t.http.post('/v1/auth/login').send({ email, password: 'correct horse battery', inviteToken: token }).expect(200);
    const me = await t.http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ role: 'viewer', workspace: { id: owner.workspaceId } });
  });

  it('is refused for another address, to API keys, and beyond the inviter’s own role', async () => {
    const invitee = await signup(t.http);
    const stranger = await signup(t.http);
    await invite(invitee.email).expect(202);
    const token = await emailedToken(invitee.email);
    expect((await accept(token, stranger.auth).expect(403)).body.code).toBe('INVITATION_FOR_ANOTHER_EMAIL');
    const key = await apiKeySession(t.http, owner, 'admin');
    expect((await accept(token, key.auth).expect(403)).body.code).toBe('USER_REQUIRED');
    expect((await invite(address('boss'), 'owner', key.auth).expect(403)).body.code).toBe('ROLE_TOO_HIGH');
    expect((await accept('forged.token', invitee.auth).expect(404)).body.code).toBe('INVITATION_INVALID');
    // Still usable by the right person after all of that.
    await accept(token, invitee.auth).expect(200);
    expect((await invite(invitee.email).expect(409)).body.code).toBe('ALREADY_MEMBER');
  });

  it('revoking stops the link and an unsent email; an expired invitation is refused and may be sent again; all audited', async () => {
    const revokedEmail = address('revoked');
    const { body: revoked } = await invite(revokedEmail).expect(202);
    const token = await emailedToken(revokedEmail);
    expect((await invite(revokedEmail).expect(409)).body.errors).toEqual([{ field: 'email', message: expect.stringMatching(/pending/) }]);
    await t.http.delete(`/v1/invitations/${revoked.id}`).set(owner.auth).expect(204);
    await t.http.delete(`/v1/invitations/${revoked.id}`).set(owner.auth).expect(409);
    const person = await signup(t.http, { email: revokedEmail });
    expect((await accept(token, person.auth).expect(404)).body.code).toBe('INVITATION_INVALID');
    // Had its email still been queued, the send renders nothing for a revoked invitation and skips the row.
    const [row] = await db().query(`SELECT id FROM notifications WHERE subject_id = $1`, [revoked.id]);
    await db().query(`UPDATE notifications SET status = 'scheduled' WHERE id = $1`, [row.id]);
    const outcome = await worker.get(NotificationSender).send({ notificationId: row.id }, { attemptsMade: 0, opts: {} } as never);
    expect(outcome).toEqual({ outcome: 'skipped', reason: `invitation ${revoked.id} no longer exists or has nothing to send` });

    const lateEmail = address('late');
    const { body: expiring } = await invite(lateEmail).expect(202);
    const lateToken = await emailedToken(lateEmail);
    clock.set('2026-09-22T12:00:01Z');
    const late = await signup(t.http, { email: lateEmail });
    expect((await accept(lateToken, late.auth).expect(404)).body.code).toBe('INVITATION_INVALID');
    const list = (await t.http.get('/v1/invitations').set(owner.auth).expect(200)).body.data as { id: string; status: string }[];
    expect(list.find((i) => i.id === expiring.id)?.status).toBe('expired');
    expect(list.find((i) => i.id === revoked.id)?.status).toBe('revoked');
    const again = await invite(lateEmail).expect(202);
    sink.reset();
    await accept(await emailedToken(lateEmail), late.auth).expect(200);

    const entries = async (id: string) =>
      (await readAuditLog(t.http, owner, `?entityType=invitation&entityId=${id}`)).data.map((e) => e.action);
    expect(await entries(revoked.id)).toEqual(['revoked', 'created']);
    expect(await entries(again.body.id)).toEqual(['accepted', 'created']);
  });

  it('lists the invitation email among the notifications with a subject type the OpenAPI document names', async () => {
    const email = address('listed');
    const { body: invitation } = await invite(email).expect(202);
    await emailedToken(email);
    const { body } = await t.http.get('/v1/notifications').query({ subjectId: invitation.id }).set(owner.auth).expect(200);
    expect(body.data).toEqual([expect.objectContaining({ kind: 'member_invitation', subjectType: 'invitation', audience: 'invitee' })]);
    const doc = await openApiDocument(t.http);
    expect(doc.components.schemas.NotificationView.properties!.subjectType.enum).toContain('invitation');
  });

  it('a user without a password (made by the old member route) is not registered: signing up claims the row', async () => {
    const email = address('legacy');
    const [legacy] = await db().query(`INSERT INTO users (email, name) VALUES ($1, 'Someone else typed this') RETURNING id`, [email]);
    const signed = await t.http
      .post('/v1/auth/signup')
      .send({ workspaceName: 'Mine', name: 'Real Person', email, password: 'correct horse battery' })
      .expect(201);
    expect(signed.body.user).toMatchObject({ id: legacy.id, name: 'Real Person' });
    await t.http.post('/v1/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
  });
});
