import { JobName } from '@app/queue';
import {
  ambassadorFixture,
  conversionBody,
  openPortal,
  payoutCalls,
  portalSessionOf,
  portalToken,
  signup,
  useMailingTestWorker,
  waitFor,
} from './support';

describe('ambassador portal (e2e: API, worker, SMTP sink, FixedClock)', () => {
  const ctx = useMailingTestWorker('2026-01-05T10:00:00Z');
  const http = () => ctx.t.http;
  /** The one email to `to` whose subject matches, waiting for it. */
  const mailTo = (to: string, subject: RegExp) =>
    waitFor(() => ctx.sink.messages.find((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject)), 20_000);
  const signIn = (workspaceId: string, email: string) => http().post('/v1/portal/sign-in').send({ workspaceId, email });

  it('answers 202 alike for known and unknown addresses; the emailed link signs in once; a used or expired link is 410 with the workspace', async () => {
    const a = await ambassadorFixture(http(), ctx.owner);
    const answers = [
      await signIn(ctx.owner.workspaceId, a.email.toUpperCase()).expect(202),
      await signIn(ctx.owner.workspaceId, 'nobody@example.com').expect(202),
    ];
    expect(answers[0].body).toEqual(answers[1].body);
    // Another workspace's ambassador is unknown here.
    const other = await signup(http());
    await signIn(other.workspaceId, a.email).expect(202);

    const mail = await mailTo(a.email, /sign-in link/);
    expect(ctx.sink.messages.filter((m) => m.to.includes(a.email))).toHaveLength(1);
    expect(ctx.sink.messages.some((m) => m.to.includes('nobody@example.com'))).toBe(false);
    const token = portalToken(mail!.text)!;
    expect(mail!.html).toContain(`/portal/link?token=${token}`);
    // Only the hash is stored.
    const [row] = await ctx.db().query('SELECT token_hash FROM portal_sign_ins WHERE influencer_id = $1', [a.influencerId]);
    expect(row.token_hash).not.toContain(token);

    const portal = await openPortal(http(), token);
    const me = (await http().get('/v1/portal/me').set(portal).expect(200)).body;
    expect(me).toEqual({
      influencer: { id: a.influencerId, name: a.name, email: a.email },
      workspace: { id: ctx.owner.workspaceId, name: expect.any(String) },
    });
    const used = await http().post('/v1/portal/session').send({ token }).expect(410);
    expect(used.body).toMatchObject({ code: 'PORTAL_LINK_USED', workspaceId: ctx.owner.workspaceId });
    await http().post('/v1/portal/session').send({ token: 'not-a-token' }).expect(400);

    await signIn(ctx.owner.workspaceId, a.email).expect(202);
    const second = await waitFor(() => ctx.sink.messages.filter((m) => m.to.includes(a.email)).at(1), 20_000);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 16 * 60_000));
    const expired = await http()
      .post('/v1/portal/session')
      .send({ token: portalToken(second!.text) })
      .expect(410);
    expect(expired.body).toMatchObject({ code: 'PORTAL_LINK_EXPIRED', workspaceId: ctx.owner.workspaceId });
  });

  it('keeps the portal and the manager routes apart; sessions are listed, ended by the ambassador and by a manager', async () => {
    const a = await ambassadorFixture(http(), ctx.owner);
    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    await http().get('/v1/portal/me').set(ctx.owner.auth).expect(401);
    await http().get('/v1/relationships').set(portal).expect(401);
    await http().get('/v1/portal/me').expect(401);
    // A write without the browser header is refused even with the cookie.
    await http()
      .post(`/v1/portal/deliverables/${a.deliverableId}/submit`)
      .set({ Cookie: portal.Cookie })
      .send({ contentUrl: 'https://x.example.com/a' })
      .expect(403);

    const second = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    const sessions = (await http().get('/v1/portal/sessions').set(portal).expect(200)).body.data;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    await http().delete(`/v1/portal/sessions/${other.id}`).set(portal).expect(204);
    await http().get('/v1/portal/me').set(second).expect(401);
    await http().delete('/v1/portal/session').set(portal).expect(204);
    await http().get('/v1/portal/me').set(portal).expect(401);

    const third = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    await http().delete(`/v1/influencers/${a.influencerId}/portal-sessions`).set(ctx.owner.auth).expect(204);
    await http().get('/v1/portal/me').set(third).expect(401);
  });

  it("shows only the ambassador's own: another ambassador's deliverable and contract answer 404", async () => {
    const a = await ambassadorFixture(http(), ctx.owner);
    const b = await ambassadorFixture(http(), ctx.owner);
    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    await http().get(`/v1/portal/deliverables/${b.deliverableId}`).set(portal).expect(404);
    await http()
      .post(`/v1/portal/deliverables/${b.deliverableId}/submit`)
      .set(portal)
      .send({ contentUrl: 'https://x.example.com/a' })
      .expect(404);
    await http().get(`/v1/portal/contracts/${b.contractId}`).set(portal).expect(404);
    const list = (await http().get('/v1/portal/deliverables').set(portal).expect(200)).body.data;
    expect(list.map((d: { id: string }) => d.id)).toEqual([a.deliverableId]);
    expect(list[0].brief).toBe('Show the trail shoes in the first 3 seconds');
    const relationships = (await http().get('/v1/portal/relationships').set(portal).expect(200)).body.data;
    expect(relationships.map((r: { id: string }) => r.id)).toEqual([a.relationshipId]);
    expect(relationships[0].contact).toEqual({ name: 'Owner Person', email: ctx.owner.email });
    const contracts = (await http().get('/v1/portal/contracts').set(portal).expect(200)).body.data;
    expect(contracts.map((c: { id: string }) => c.id)).toEqual([a.contractId]);
  });

  it('sends terms by email; the link lands on them; acceptance is recorded, shown to the manager, voided by a change, and required to activate', async () => {
    const a = await ambassadorFixture(http(), ctx.owner, { startDate: '2026-02-01', endDate: '2026-07-31' });
    await http().patch('/v1/workspace').set(ctx.owner.auth).send({ requireTermsAcceptance: true }).expect(200);
    await http().post(`/v1/contracts/${a.contractId}/activate`).set(ctx.owner.auth).send({}).expect(409);

    const sent = (await http().post(`/v1/contracts/${a.contractId}/send-terms`).set(ctx.owner.auth).send({}).expect(200)).body;
    expect(sent.termsSentAt).toEqual(ctx.clock.now().toISOString());
    const mail = await mailTo(a.email, /terms .* ready to accept/);
    const opened = await http()
      .post('/v1/portal/session')
      .send({ token: portalToken(mail!.text) })
      .expect(200);
    expect(opened.body.path).toBe(`/terms/${a.contractId}`);
    const portal = await openPortal(http(), portalToken(mail!.text)!).catch(() => undefined);
    expect(portal).toBeUndefined(); // the link worked once
    const cookie = { Cookie: String(opened.headers['set-cookie']).split(';')[0], 'X-Requested-With': 'web' };

    const shown = (await http().get(`/v1/portal/contracts/${a.contractId}`).set(cookie).expect(200)).body;
    expect(shown.terms).toMatchObject({ retainerMonthly: '1000.00', startDate: '2026-02-01', commissionRate: expect.any(String) });
    expect(shown.termsSha256).toMatch(/^[0-9a-f]{64}$/);
    await http()
      .post(`/v1/portal/contracts/${a.contractId}/accept`)
      .set(cookie)
      .send({ fullName: a.name, termsSha256: '0'.repeat(64) })
      .expect(409);
    const accepted = await http()
      .post(`/v1/portal/contracts/${a.contractId}/accept`)
      .set({ ...cookie, 'User-Agent': 'PortalTest/1.0' })
      .send({ fullName: `  ${a.name} `, termsSha256: shown.termsSha256 })
      .expect(200);
    expect(accepted.body.contract.termsAcceptance).toMatchObject({
      name: a.name,
      termsSha256: shown.termsSha256,
      userAgent: 'PortalTest/1.0',
    });

    const managerView = (await http().get(`/v1/contracts/${a.contractId}`).set(ctx.owner.auth).expect(200)).body;
    expect(managerView.termsAcceptance).toEqual({
      name: a.name,
      acceptedAt: expect.any(String),
      ip: expect.any(String),
      userAgent: 'PortalTest/1.0',
      termsSha256: shown.termsSha256,
    });
    expect(new Date(managerView.termsAcceptance.acceptedAt)).toEqual(ctx.clock.now());

    await http().patch(`/v1/contracts/${a.contractId}`).set(ctx.owner.auth).send({ retainerMonthly: '1100.00' }).expect(200);
    expect((await http().get(`/v1/contracts/${a.contractId}`).set(ctx.owner.auth).expect(200)).body.termsAcceptance).toBeNull();
    await http().post(`/v1/contracts/${a.contractId}/activate`).set(ctx.owner.auth).send({}).expect(409);

    const again = (await http().get(`/v1/portal/contracts/${a.contractId}`).set(cookie).expect(200)).body;
    expect(again.termsSha256).not.toBe(shown.termsSha256);
    await http()
      .post(`/v1/portal/contracts/${a.contractId}/accept`)
      .set(cookie)
      .send({ fullName: a.name, termsSha256: again.termsSha256 })
      .expect(200);
    await http().post(`/v1/contracts/${a.contractId}/activate`).set(ctx.owner.auth).send({}).expect(200);
    const log = (await http().get(`/v1/relationships/${a.relationshipId}/activity`).set(ctx.owner.auth).expect(200)).body.data;
    expect(
      log
        .filter((e: { action: string }) => e.action.startsWith('terms_'))
        .map((e: { action: string; actorInfluencerId: string | null }) => [e.action, e.actorInfluencerId]),
    ).toEqual([
      ['terms_accepted', a.influencerId],
      ['terms_acceptance_voided', null],
      ['terms_accepted', a.influencerId],
      ['terms_sent', null],
    ]);
    await http().patch('/v1/workspace').set(ctx.owner.auth).send({ requireTermsAcceptance: false }).expect(200);
  });

  it('hands in content: submit, changes requested by email, resubmit, approve, post URL; the owner is told; the ambassador is the actor', async () => {
    const a = await ambassadorFixture(http(), ctx.owner);
    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    const submit = (contentUrl: string) =>
      http().post(`/v1/portal/deliverables/${a.deliverableId}/submit`).set(portal).send({ contentUrl, caption: 'Trail day #ad' });

    expect((await submit('https://drive.example.com/v1').expect(200)).body).toMatchObject({
      status: 'submitted',
      contentUrl: 'https://drive.example.com/v1',
    });
    await submit('https://drive.example.com/v1b').expect(409);
    const toOwner = await mailTo(ctx.owner.email, /^Submitted: /);
    expect(toOwner!.text).toContain('ambassador portal');
    const queue = (await http().get('/v1/deliverables?status=submitted').set(ctx.owner.auth).expect(200)).body.data;
    expect(queue.map((d: { id: string }) => d.id)).toContain(a.deliverableId);

    await http()
      .post(`/v1/deliverables/${a.deliverableId}/request-changes`)
      .set(ctx.owner.auth)
      .send({ comment: 'Logo in the first 3 seconds, please' })
      .expect(200);
    const changes = await mailTo(a.email, /^Changes requested/);
    const landing = await http()
      .post('/v1/portal/session')
      .send({ token: portalToken(changes!.text) })
      .expect(200);
    expect(landing.body.path).toBe(`/deliverables/${a.deliverableId}`);
    const seen = (await http().get(`/v1/portal/deliverables/${a.deliverableId}`).set(portal).expect(200)).body;
    expect(seen).toMatchObject({ status: 'changes_requested', reviewComment: 'Logo in the first 3 seconds, please' });

    await submit('https://drive.example.com/v2').expect(200);
    await http()
      .post(`/v1/portal/deliverables/${a.deliverableId}/post-url`)
      .set(portal)
      .send({ postUrl: 'https://www.instagram.com/p/early/' })
      .expect(409);
    await http().post(`/v1/deliverables/${a.deliverableId}/approve`).set(ctx.owner.auth).send({}).expect(200);
    const withUrl = (
      await http()
        .post(`/v1/portal/deliverables/${a.deliverableId}/post-url`)
        .set(portal)
        .send({ postUrl: 'https://www.instagram.com/p/live/' })
        .expect(200)
    ).body;
    expect(withUrl).toMatchObject({ status: 'approved', postUrl: 'https://www.instagram.com/p/live/' });

    const log = (await http().get(`/v1/relationships/${a.relationshipId}/activity`).set(ctx.owner.auth).expect(200)).body.data;
    const deliverableLog = log.filter((e: { entityId: string }) => e.entityId === a.deliverableId).reverse();
    expect(
      deliverableLog.map((e: { action: string; actorInfluencerId: string | null; actorUserId: string | null }) => [
        e.action,
        e.actorInfluencerId ?? e.actorUserId,
      ]),
    ).toEqual([
      ['created', ctx.owner.userId],
      ['submitted', a.influencerId],
      ['changes_requested', ctx.owner.userId],
      ['submitted', a.influencerId],
      ['approved', ctx.owner.userId],
      ['post_url_added', a.influencerId],
    ]);
    const events = await ctx.db().query(`SELECT type FROM domain_events WHERE subject_id = $1 ORDER BY occurred_at, id`, [a.deliverableId]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['deliverable.submitted', 'deliverable.approved']));
  });

  it("publishes with the ambassador's post URL when the workspace allows it", async () => {
    const a = await ambassadorFixture(http(), ctx.owner);
    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    await http()
      .post(`/v1/portal/deliverables/${a.deliverableId}/submit`)
      .set(portal)
      .send({ contentUrl: 'https://drive.example.com/x' })
      .expect(200);
    await http().post(`/v1/deliverables/${a.deliverableId}/approve`).set(ctx.owner.auth).send({}).expect(200);
    await http().patch('/v1/workspace').set(ctx.owner.auth).send({ ambassadorsPublish: true }).expect(200);
    const published = (
      await http()
        .post(`/v1/portal/deliverables/${a.deliverableId}/post-url`)
        .set(portal)
        .send({ postUrl: 'https://www.instagram.com/p/pub/' })
        .expect(200)
    ).body;
    expect(published).toMatchObject({ status: 'published', postUrl: 'https://www.instagram.com/p/pub/' });
    await http().patch('/v1/workspace').set(ctx.owner.auth).send({ ambassadorsPublish: false }).expect(200);
  });

  it("the overdue email's link lands on that deliverable; earnings show the accrued retainer per month", async () => {
    const a = await ambassadorFixture(http(), ctx.owner, { startDate: '2025-12-01', endDate: '2026-05-31', deliverablePlan: [] });
    await http().post(`/v1/contracts/${a.contractId}/activate`).set(ctx.owner.auth).send({}).expect(200);
    // Due yesterday: overdue this morning (long past due it would be missed instead).
    await ctx.db().query(`UPDATE deliverables SET due_date = '2026-01-04' WHERE id = $1`, [a.deliverableId]);
    await ctx.run(JobName.DeliverablesScan);
    const overdue = await mailTo(a.email, /^Overdue: your reel/);
    const opened = await http()
      .post('/v1/portal/session')
      .send({ token: portalToken(overdue!.text) })
      .expect(200);
    expect(opened.body.path).toBe(`/deliverables/${a.deliverableId}`);

    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    const earnings = (await http().get('/v1/portal/earnings').set(portal).expect(200)).body.data;
    const december = earnings.find((m: { month: string }) => m.month === '2025-12');
    expect(december).toMatchObject({
      relationshipId: a.relationshipId,
      currency: 'EUR',
      retainer: '1000.00',
      fees: '0.00',
      refunds: '0.00',
    });
    expect(earnings.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2025-12']);
    const codes = (await http().get('/v1/portal/codes').set(portal).expect(200)).body.data;
    expect(codes).toEqual([]);
  });
  it("earnings are in the brand's currency's minor units: none for JPY", async () => {
    const a = await ambassadorFixture(
      http(),
      ctx.owner,
      { startDate: '2025-12-01', endDate: '2026-05-31', deliverablePlan: [], retainerMonthly: '100000', feePerDeliverable: '0' },
      { brand: { currency: 'JPY', timezone: 'Asia/Tokyo' } },
    );
    await http().post(`/v1/contracts/${a.contractId}/activate`).set(ctx.owner.auth).send({}).expect(200);
    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    const earnings = (await http().get('/v1/portal/earnings').set(portal).expect(200)).body.data;
    expect(earnings.find((m: { month: string }) => m.month === '2025-12')).toMatchObject({
      currency: 'JPY',
      retainer: '100000',
      fees: '0',
      commissionPending: '0',
      refunds: '0',
    });
  });

  it('earnings show commission still pending and refunded sales in their months, for this ambassador only', async () => {
    const a = await ambassadorFixture(http(), ctx.owner, {
      startDate: '2025-12-01',
      endDate: '2026-05-31',
      deliverablePlan: [],
      commissionRate: '10',
    });
    await http().post(`/v1/contracts/${a.contractId}/activate`).set(ctx.owner.auth).send({}).expect(200);
    const order = conversionBody({
      relationshipId: a.relationshipId,
      occurredAt: '2025-12-20T12:00:00+01:00',
      amount: '200.00',
      discount: '0.00',
    });
    const conversion = (await http().post('/v1/conversions').set(ctx.owner.auth).send(order).expect(201)).body;
    expect(conversion).toMatchObject({ status: 'pending', commissionAmount: '20.00' });
    await http()
      .post(`/v1/conversions/${conversion.id}/reverse`)
      .set(ctx.owner.auth)
      .send({ amount: '50.00', reason: 'returned' })
      .expect(200);
    // Someone else's sale in the same workspace is not in these earnings.
    const other = await ambassadorFixture(http(), ctx.owner, { startDate: '2025-12-01', endDate: '2026-05-31', deliverablePlan: [] });
    await http().post(`/v1/contracts/${other.contractId}/activate`).set(ctx.owner.auth).send({}).expect(200);
    await http()
      .post('/v1/conversions')
      .set(ctx.owner.auth)
      .send(conversionBody({ relationshipId: other.relationshipId, occurredAt: '2025-12-21T12:00:00+01:00', amount: '900.00' }))
      .expect(201);

    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    const earnings = (await http().get('/v1/portal/earnings').set(portal).expect(200)).body.data;
    expect(earnings.map((m: { relationshipId: string }) => m.relationshipId)).toEqual(earnings.map(() => a.relationshipId));
    const month = (m: string) => earnings.find((e: { month: string }) => e.month === m);
    // The sale's commission waits in its order month (December); the refund counts in the month it happened (now: January).
    expect(month('2025-12')).toMatchObject({
      commissionPending: expect.stringMatching(/^1[05]\.00$/),
      commissionApproved: '0.00',
      refunds: '0.00',
    });
    expect(month('2026-01')).toMatchObject({ refunds: '50.00' });
  });
  it("shows the ambassador's approved, paid and failed payouts and their statements; drafts, cancelled and others' answer 404", async () => {
    const a = await ambassadorFixture(http(), ctx.owner);
    const b = await ambassadorFixture(http(), ctx.owner);
    const { earn, run, payouts, act } = payoutCalls(http(), ctx.owner);
    await http()
      .put(`/v1/influencers/${a.influencerId}/payout-method`)
      .set(ctx.owner.auth)
      .send({ kind: 'paypal', email: 'maya.pays@example.com' })
      .expect(200);
    await earn(a.relationshipId, '120.00', '2026-01-02');
    await earn(b.relationshipId, '80.00', '2026-01-02');
    const portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, a.influencerId, ctx.clock.now());
    const list = async () => (await http().get('/v1/portal/payouts').set(portal).expect(200)).body;
    const statement = (id: string, accept = 'application/json') =>
      http().get(`/v1/portal/payouts/${id}/statement`).set(portal).set('Accept', accept);

    const first = await run('2026-01-04', a.brandId);
    const [paid] = await payouts({ runId: first.id });
    // A draft is the brand's until approved.
    expect((await list()).data).toEqual([]);
    expect((await statement(paid.id).expect(404)).headers['content-type']).toMatch(/^application\/problem\+json/);

    await act(`payouts/${paid.id}`, 'approve').expect(200);
    expect(await list()).toEqual({
      method: 'PayPal m***@example.com',
      data: [
        {
          id: paid.id,
          status: 'approved',
          currency: 'EUR',
          total: '120.00',
          periodEnd: '2026-01-04',
          approvedAt: expect.any(String),
          paidAt: null,
          reference: null,
        },
      ],
    });
    const json = (await statement(paid.id).expect(200)).body;
    expect(json).toMatchObject({
      payoutId: paid.id,
      influencerId: a.influencerId,
      method: 'PayPal m***@example.com',
      openingBalance: '0.00',
      total: '120.00',
      lines: [{ relationshipId: a.relationshipId, kind: 'bonus', from: '2026-01-02', to: '2026-01-02', entries: 1, amount: '120.00' }],
    });
    const csv = await statement(paid.id, 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="payout-statement-2026-01-04.csv"');
    expect(csv.text.split('\n')[0]).toBe('section,brand,relationship_id,kind,from,to,entries,amount,currency');
    expect(csv.text).toMatch(/^total,,,,,2026-01-04,,120\.00,EUR$/m);
    const html = await statement(paid.id, 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(html.text).toContain('Payout statement for');
    expect(html.text).toContain('PayPal m***@example.com');
    expect([json, csv.text, html.text].map((x) => JSON.stringify(x)).join()).not.toContain('maya.pays@example.com');

    await act(`payouts/${paid.id}`, 'mark-paid', { reference: 'PP-7', paidAt: '2026-01-05T09:00:00Z' }).expect(200);
    // An approved payout that then fails is shown as failed; its entries go to the next run, whose draft is not shown, nor once cancelled.
    await earn(a.relationshipId, '60.00', '2026-01-03');
    const [failed] = await payouts({ runId: (await run('2026-01-04', a.brandId)).id });
    await act(`payouts/${failed.id}`, 'approve').expect(200);
    await act(`payouts/${failed.id}`, 'fail', { reason: 'PayPal account closed' }).expect(200);
    const [cancelled] = await payouts({ runId: (await run('2026-01-04', a.brandId)).id });
    await act(`payouts/${cancelled.id}`, 'approve').expect(200);
    await act(`payouts/${cancelled.id}`, 'cancel').expect(200);
    expect((await list()).data.map((p: { id: string; status: string; reference: string | null }) => [p.id, p.status, p.reference])).toEqual(
      [
        [failed.id, 'failed', null],
        [paid.id, 'paid', 'PP-7'],
      ],
    );
    expect(JSON.stringify(await list())).not.toContain('PayPal account closed');
    await statement(failed.id).expect(200);
    await statement(cancelled.id).expect(404);

    // Another ambassador's approved payout, in the same workspace, is not found; a manager's token opens neither route.
    const [theirs] = await payouts({ runId: (await run('2026-01-04', b.brandId)).id });
    await act(`payouts/${theirs.id}`, 'approve').expect(200);
    await statement(theirs.id).expect(404);
    await statement(theirs.id, 'text/csv').expect(404);
    expect((await list()).data.map((p: { id: string }) => p.id)).not.toContain(theirs.id);
    await http().get('/v1/portal/payouts').set(ctx.owner.auth).expect(401);
    await http().get(`/v1/portal/payouts/${paid.id}/statement`).set(ctx.owner.auth).expect(401);
  });
});
