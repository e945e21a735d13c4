import { JobName } from '@app/queue';
import { contractFixture, useMailingTestWorker, waitFor } from './support';

describe('deliverables.scan (e2e: real PostgreSQL, Redis and SMTP server, FixedClock)', () => {
  // 12:00 in Paris (CEST, UTC+2): the 09:00 moments of the day have come.
  const ctx = useMailingTestWorker('2026-06-01T10:00:00Z');

  const rows = (id: string) =>
    ctx
      .db()
      .query(
        `SELECT kind, offset_days AS "offset", audience, recipients, due_at AS "dueAt" FROM notifications WHERE subject_id = $1 ORDER BY kind, audience`,
        [id],
      );

  it('reminds due-soon, overdue and waiting-approval deliverables once, and marks missed ones past the grace period', async () => {
    const fixture = await contractFixture(ctx.t, ctx.owner, {
      startDate: '2026-05-01',
      endDate: '2026-07-31',
      plan: [{ type: 'post', platform: 'instagram', quantity: 5, per: 'term' }],
    });
    const ids: string[] = (
      await ctx.db().query(`SELECT id FROM deliverables WHERE contract_id = $1 ORDER BY due_date, id`, [fixture.contractId])
    ).map((d: { id: string }) => d.id);
    const [dueSoon, overdue, waiting, missed, later] = ids;
    const set = (id: string, columns: string, values: unknown[]) =>
      ctx.db().query(`UPDATE deliverables SET ${columns} WHERE id = $1`, [id, ...values]);
    await set(dueSoon, `due_date = '2026-06-04'`, []);
    await set(overdue, `due_date = '2026-05-30'`, []);
    await set(waiting, `due_date = '2026-06-20', status = 'submitted', submitted_at = $2`, ['2026-05-29T10:00:00Z']);
    await set(missed, `due_date = '2026-05-20'`, []);
    await set(later, `due_date = '2026-07-20'`, []);
    const { email: influencer } = (await ctx.t.http.get(`/v1/influencers/${fixture.influencerId}`).set(ctx.owner.auth).expect(200)).body;

    for (let i = 0; i < 3; i++) await ctx.run(JobName.DeliverablesScan);

    const nineAmParis = new Date('2026-06-01T07:00:00Z');
    expect(await rows(dueSoon)).toEqual([
      { kind: 'deliverable_due_soon', offset: 3, audience: 'influencer', recipients: [influencer], dueAt: nineAmParis },
    ]);
    // Due 2026-05-30: overdue from the morning of 05-31, one row for the influencer and one for the managers.
    const overdueAt = new Date('2026-05-31T07:00:00Z');
    expect(await rows(overdue)).toEqual([
      { kind: 'deliverable_overdue', offset: 0, audience: 'influencer', recipients: [influencer], dueAt: overdueAt },
      { kind: 'deliverable_overdue', offset: 0, audience: 'managers', recipients: [ctx.owner.email], dueAt: overdueAt },
    ]);
    // Submitted 05-29 12:00 Paris: two days are up 05-31 12:00, so the first 09:00 after is 06-01.
    expect(await rows(waiting)).toEqual([
      { kind: 'approval_waiting', offset: 2, audience: 'managers', recipients: [ctx.owner.email], dueAt: nineAmParis },
    ]);
    // Due 05-20 + 7 days < 06-01: missed, logged by the system, and no overdue reminder any more.
    expect(await rows(missed)).toEqual([]);
    expect(await rows(later)).toEqual([]);
    const [row] = await ctx.db().query(`SELECT status, missed_at AS "missedAt" FROM deliverables WHERE id = $1`, [missed]);
    expect(row).toEqual({ status: 'missed', missedAt: new Date('2026-06-01T10:00:00Z') });
    const log = await ctx
      .db()
      .query(`SELECT action, changes, actor_user_id AS "actor" FROM activity_log WHERE entity_id = $1 AND action = 'missed'`, [missed]);
    expect(log).toEqual([{ action: 'missed', changes: { status: { from: 'planned', to: 'missed' } }, actor: null }]);
    expect((await ctx.db().query(`SELECT status FROM deliverables WHERE id = $1`, [overdue]))[0].status).toBe('planned');
  });

  it('an overdue deliverable: one email to the influencer alone and one to the managers, neither with List-Unsubscribe (a contract notice); each once after 5 scans', async () => {
    const fixture = await contractFixture(ctx.t, ctx.owner, {
      startDate: '2026-05-01',
      endDate: '2026-07-31',
      plan: [{ type: 'story', platform: 'tiktok', quantity: 1, per: 'term' }],
    });
    const [{ id, influencer, name, brand }] = await ctx.db().query(
      `SELECT d.id, i.email AS influencer, i.name, b.name AS brand
         FROM deliverables d JOIN relationships r ON r.id = d.relationship_id JOIN influencers i ON i.id = r.influencer_id JOIN brands b ON b.id = r.brand_id
        WHERE d.contract_id = $1`,
      [fixture.contractId],
    );
    await ctx.db().query(`UPDATE deliverables SET due_date = '2026-05-30' WHERE id = $1`, [id]);

    // Three runs one after the other, then two at once (as two workers would).
    for (let i = 0; i < 3; i++) await ctx.run(JobName.DeliverablesScan);
    await Promise.all([ctx.run(JobName.DeliverablesScan), ctx.run(JobName.DeliverablesScan)]);
    const overdueRows = (): Promise<{ audience: string; status: string; messageId: string }[]> =>
      ctx
        .db()
        .query(
          `SELECT audience, status, message_id AS "messageId" FROM notifications WHERE subject_id = $1 AND kind = 'deliverable_overdue' ORDER BY audience`,
          [id],
        );
    await waitFor(async () => (await overdueRows()).filter((row) => row.status === 'sent').length >= 2, 15_000);
    const [toInfluencer, toManagers, ...more] = await overdueRows();
    expect([toInfluencer.audience, toManagers.audience, more]).toEqual(['influencer', 'managers', []]);

    const mails = (messageId: string) => ctx.sink.messages.filter((m) => m.headers['message-id'] === messageId);
    const [influencerMail] = mails(toInfluencer.messageId);
    const [managersMail] = mails(toManagers.messageId);
    expect([mails(toInfluencer.messageId).length, mails(toManagers.messageId).length]).toEqual([1, 1]);
    expect(influencerMail.to).toEqual([influencer.toLowerCase()]);
    expect(influencerMail.headers.to.toLowerCase()).toBe(influencer.toLowerCase());
    expect(influencerMail.subject).toBe(`Overdue: your story for ${brand}`);
    expect(influencerMail.text).toContain(`Hi ${name}, your story for ${brand} was due on 30 May 2026 and is not published yet`);
    // A notice about the contract: sent even after an unsubscribe from reminders, so it offers none (docs/reminders.md#unsubscribe).
    expect(influencerMail.headers['list-unsubscribe']).toBeUndefined();
    expect(influencerMail.text).toContain(`This notice is about your contract with ${brand}, so it is sent even if you unsubscribed`);

    expect(managersMail.to).toEqual([ctx.owner.email.toLowerCase()]);
    expect(managersMail.headers.to.toLowerCase()).toBe(ctx.owner.email.toLowerCase());
    expect(managersMail.subject).toBe(`Overdue: story for ${brand} (${name})`);
    expect(managersMail.text).toContain(`This deliverable of ${name} × ${brand} is past its due date`);
    expect(managersMail.headers['list-unsubscribe']).toBeUndefined();
    expect(managersMail.text).not.toContain('Unsubscribe');
  });
});
