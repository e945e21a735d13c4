import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signToken } from '@app/common';
import { NotificationsService, signUnsubscribeToken } from '@app/notifications';
import { apiKeySession, contractFixture, createTestApp, Session, signup, SmtpSink, startSmtpSink, TestApp, waitFor } from './support';
import { createWorkerApp } from '../apps/worker/src/worker.setup';

describe('notifications: influencer unsubscribe and GET /v1/notifications (e2e)', () => {
  let t: TestApp;
  let owner: Session;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let deliverableId: string;
  let influencerEmail: string;
  let offset = 0;
  const db = () => t.app.get(DataSource);
  const status = async (id: string) =>
    (await db().query(`SELECT status, error FROM notifications WHERE id = $1`, [id]))[0] as { status: string; error: string | null };
  const insert = async (recipients: string[], kind = 'deliverable_due_soon', audience = 'influencer'): Promise<string> =>
    (
      await db().query(
        `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, audience, recipients, due_at) VALUES ($1, $2, 'deliverable', $3, $4, $5, $6, now()) RETURNING id`,
        [owner.workspaceId, kind, deliverableId, ++offset, audience, recipients],
      )
    )[0].id;
  const send = async (id: string) => {
    await worker.get(NotificationsService).enqueueSend([id]);
    return waitFor(async () => !['scheduled', 'late'].includes((await status(id)).status) && status(id), 15_000);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp();
    owner = await signup(t.http);
    worker = await createWorkerApp({ ...t.env, SMTP_URL: sink.url, JOB_BACKOFF_MS: '50' }, { abortOnError: false });
    const fixture = await contractFixture(t, owner, {
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      plan: [{ type: 'reel', platform: 'instagram', quantity: 1, per: 'month' }],
    });
    deliverableId = (
      await db().query(`SELECT id FROM deliverables WHERE contract_id = $1 ORDER BY due_date LIMIT 1`, [fixture.contractId])
    )[0].id;
    influencerEmail = (await db().query(`SELECT email FROM influencers WHERE id = $1`, [fixture.influencerId]))[0].email;
  });
  beforeEach(() => sink.reset());
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  const suppressions = async () =>
    (await db().query(`SELECT count(*)::int AS n FROM email_suppressions WHERE workspace_id = $1`, [owner.workspaceId]))[0].n as number;
  /** What a mail client sends for RFC 8058 one-click (and what the page's button posts). */
  const oneClick = (path: string) =>
    t.http.post(path).set('Content-Type', 'application/x-www-form-urlencoded').send('List-Unsubscribe=One-Click');

  it('a reminder carries List-Unsubscribe; GET and HEAD of the link show a page and change nothing; the one-click POST unsubscribes', async () => {
    expect(await send(await insert([influencerEmail]))).toMatchObject({ status: 'sent' });
    const [mail] = sink.messages;
    expect(mail.subject).toMatch(/^Due \d+ \w+ 2026: your reel for Brand/);
    const link = /Unsubscribe from reminders: (http\S+)/.exec(mail.text)?.[1] as string;
    // The link alone: nothing reads the sender's mailbox, so a mailto beside it would unsubscribe nobody.
    expect(mail.headers['list-unsubscribe']).toBe(`<${link}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain(`href="${link}"`);

    const path = link.replace('http://localhost:3000', '');
    // A mail scanner or a person's browser fetching the link: a page with a button, and no suppression.
    const page = await t.http.get(path).set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.text).toContain('Unsubscribe from reminders?');
    expect(page.text).toContain(`${influencerEmail.toLowerCase()} receives reminder emails from`);
    expect(page.text).toMatch(
      /What stops[\s\S]*Reminders of upcoming deliverables[\s\S]*What does not stop[\s\S]*a deliverable that is overdue/,
    );
    expect(page.text).toMatch(
      /<form method="post" action="\?token=[\w.-]+"><input type="hidden" name="List-Unsubscribe" value="One-Click">/,
    );
    await t.http.head(path).expect(200);
    expect(await suppressions()).toBe(0);

    const done = await oneClick(path).expect(200);
    expect(done.text).toContain(`${influencerEmail.toLowerCase()} will no longer receive reminders from`);
    await oneClick(path).expect(200);
    expect(await suppressions()).toBe(1);
    await t.http.get(`${path}x`).expect(400);
    await oneClick(`${path}x`).expect(400);
    await t.http.get('/v1/unsubscribe').expect(400);

    expect(await send(await insert([influencerEmail.toUpperCase()]))).toMatchObject({
      status: 'skipped',
      error: `not sent to unsubscribed ${influencerEmail.toLowerCase()}`,
    });
    sink.reset();
    // A notice about the contract itself still reaches the unsubscribed influencer, without an unsubscribe link.
    expect(await send(await insert([influencerEmail], 'deliverable_overdue'))).toMatchObject({ status: 'sent', error: null });
    expect(sink.messages[0].headers['list-unsubscribe']).toBeUndefined();
    expect(sink.messages[0].text).toContain('so it is sent even if you unsubscribed from reminders');
    sink.reset();
    // A managers' row that lists the influencer too (rows from before audiences were split): an overdue notice reaches both.
    const mixed = await send(await insert([influencerEmail, owner.email], 'deliverable_overdue', 'managers'));
    expect(mixed).toMatchObject({ status: 'sent', error: null });
    expect(sink.messages.map((m) => m.to.sort())).toEqual([[influencerEmail.toLowerCase(), owner.email.toLowerCase()].sort()]);
    expect(sink.messages[0].headers['list-unsubscribe']).toBeUndefined();
  });

  it('a token signed with another secret, for another workspace, expired, or of the first format changes nothing', async () => {
    const claim = { workspaceId: owner.workspaceId, email: 'someone@example.com' };
    const inAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const forged = signUnsubscribeToken('x'.repeat(40), claim, inAMonth);
    await t.http.get(`/v1/unsubscribe?token=${forged}`).expect(400);
    await oneClick(`/v1/unsubscribe?token=${forged}`).expect(400);
    const otherWorkspace = signUnsubscribeToken(
      t.env.JWT_SECRET,
      { ...claim, workspaceId: '00000000-0000-4000-8000-000000000000' },
      inAMonth,
    );
    await oneClick(`/v1/unsubscribe?token=${otherWorkspace}`).expect(400);
    const expired = signUnsubscribeToken(t.env.JWT_SECRET, claim, new Date(Date.now() - 1000));
    expect((await t.http.get(`/v1/unsubscribe?token=${expired}`).expect(410)).text).toMatch(/Link expired[\s\S]*nothing was changed/);
    expect((await oneClick(`/v1/unsubscribe?token=${expired}`).expect(410)).headers['content-type']).toMatch(/text\/html/);
    // The first format never expired: it is refused now.
    await oneClick(`/v1/unsubscribe?token=${signToken(t.env.JWT_SECRET, 'unsubscribe', [claim.workspaceId, claim.email])}`).expect(400);
    expect((await db().query(`SELECT count(*)::int AS n FROM email_suppressions WHERE lower(email) = 'someone@example.com'`))[0].n).toBe(0);
  });

  it('lists rows newest first with filters and keyset paging, to viewers of the workspace only', async () => {
    const viewer = await apiKeySession(t.http, owner, 'viewer');
    const all = (await t.http.get('/v1/notifications?limit=200').set(viewer.auth).expect(200)).body;
    expect(all.data.length).toBe(offset);
    expect(all.data[0]).toEqual({
      id: expect.any(String),
      kind: 'deliverable_overdue',
      subjectType: 'deliverable',
      subjectId: deliverableId,
      offsetDays: offset,
      audience: 'managers',
      recipients: [influencerEmail, owner.email],
      subject: expect.stringMatching(/^Overdue: reel/),
      status: 'sent',
      late: false,
      dueAt: expect.any(String),
      sentAt: expect.any(String),
      attempts: 1,
      error: null,
      createdAt: expect.any(String),
    });
    const first = (await t.http.get('/v1/notifications?limit=1').set(owner.auth).expect(200)).body;
    const second = (await t.http.get(`/v1/notifications?limit=1&cursor=${first.nextCursor}`).set(owner.auth).expect(200)).body;
    expect([first.data[0].id, second.data[0].id]).toEqual(all.data.slice(0, 2).map((n: { id: string }) => n.id));
    const skipped = (
      await t.http.get(`/v1/notifications?status=skipped&kind=deliverable_due_soon&subjectId=${deliverableId}`).set(owner.auth).expect(200)
    ).body;
    expect(skipped.data.map((n: { status: string }) => n.status)).toEqual(['skipped']);
    const toInfluencer = (await t.http.get('/v1/notifications?audience=influencer&limit=200').set(owner.auth).expect(200)).body;
    expect(toInfluencer.data.map((n: { audience: string }) => n.audience)).toEqual(Array(offset - 1).fill('influencer'));
    await t.http.get('/v1/notifications?status=sending').set(owner.auth).expect(400);
    await t.http.get('/v1/notifications?audience=brand').set(owner.auth).expect(400);
    expect((await t.http.get(`/v1/notifications/${all.data[0].id}`).set(owner.auth).expect(200)).body.id).toBe(all.data[0].id);

    const stranger = await signup(t.http);
    expect((await t.http.get('/v1/notifications').set(stranger.auth).expect(200)).body.data).toEqual([]);
    await t.http.get(`/v1/notifications/${all.data[0].id}`).set(stranger.auth).expect(404);
    await t.http.get('/v1/notifications').expect(401);
  });
});
