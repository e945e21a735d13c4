import { JobName } from '@app/queue';
import { contractFixture, useTestWorker } from '@app/testing';

describe('deliverables.scan (e2e: real PostgreSQL and Redis, FixedClock)', () => {
  // 12:00 in Paris (CEST, UTC+2): the 09:00 moments of the day have come.
  const ctx = useTestWorker('2026-06-01T10:00:00Z');

  const rows = (id: string) =>
    ctx.db().query(`SELECT kind, offset_days AS "offset", recipients, due_at AS "dueAt" FROM notifications WHERE subject_id = $1 ORDER BY kind`, [id]);

  it('reminds due-soon, overdue and waiting-approval deliverables once, and marks missed ones past the grace period', async () => {
    const fixture = await contractFixture(ctx.t, ctx.owner, { startDate: '2026-05-01', endDate: '2026-07-31', plan: [{ type: 'post', platform: 'instagram', quantity: 5, per: 'term' }] });
    const ids: string[] = (await ctx.db().query(`SELECT id FROM deliverables WHERE contract_id = $1 ORDER BY due_date, id`, [fixture.contractId])).map((d: { id: string }) => d.id);
    const [dueSoon, overdue, waiting, missed, later] = ids;
    const set = (id: string, columns: string, values: unknown[]) => ctx.db().query(`UPDATE deliverables SET ${columns} WHERE id = $1`, [id, ...values]);
    await set(dueSoon, `due_date = '2026-06-04'`, []);
    await set(overdue, `due_date = '2026-05-30'`, []);
    await set(waiting, `due_date = '2026-06-20', status = 'submitted', submitted_at = $2`, ['2026-05-29T10:00:00Z']);
    await set(missed, `due_date = '2026-05-20'`, []);
    await set(later, `due_date = '2026-07-20'`, []);
    const { email: influencer } = (await ctx.t.http.get(`/v1/influencers/${fixture.influencerId}`).set(ctx.owner.auth).expect(200)).body;

    for (let i = 0; i < 3; i++) await ctx.run(JobName.DeliverablesScan);

    const nineAmParis = new Date('2026-06-01T07:00:00Z');
    expect(await rows(dueSoon)).toEqual([{ kind: 'deliverable_due_soon', offset: 3, recipients: [influencer], dueAt: nineAmParis }]);
    // Due 2026-05-30: overdue from the morning of 05-31.
    expect(await rows(overdue)).toEqual([{ kind: 'deliverable_overdue', offset: 0, recipients: [influencer, ctx.owner.email], dueAt: new Date('2026-05-31T07:00:00Z') }]);
    // Submitted 05-29 12:00 Paris: two days are up 05-31 12:00, so the first 09:00 after is 06-01.
    expect(await rows(waiting)).toEqual([{ kind: 'approval_waiting', offset: 2, recipients: [ctx.owner.email], dueAt: nineAmParis }]);
    // Due 05-20 + 7 days < 06-01: missed, logged by the system, and no overdue reminder any more.
    expect(await rows(missed)).toEqual([]);
    expect(await rows(later)).toEqual([]);
    const [row] = await ctx.db().query(`SELECT status, missed_at AS "missedAt" FROM deliverables WHERE id = $1`, [missed]);
    expect(row).toEqual({ status: 'missed', missedAt: new Date('2026-06-01T10:00:00Z') });
    const log = await ctx.db().query(`SELECT action, changes, actor_user_id AS "actor" FROM activity_log WHERE entity_id = $1 AND action = 'missed'`, [missed]);
    expect(log).toEqual([{ action: 'missed', changes: { status: { from: 'planned', to: 'missed' } }, actor: null }]);
    expect((await ctx.db().query(`SELECT status FROM deliverables WHERE id = $1`, [overdue]))[0].status).toBe('planned');
  });
});
