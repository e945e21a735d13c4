import { JobName } from '@app/queue';
import { contractCalls, relationshipFixture, useTestWorker } from './support';

describe('contracts.rollover (e2e: real PostgreSQL and Redis, FixedClock)', () => {
  const ctx = useTestWorker('2026-06-30T12:00:00Z');
  const api = () => contractCalls(ctx.t.http, ctx.owner);

  async function activeContract(overrides: Record<string, unknown>): Promise<{ id: string; relationshipId: string }> {
    const r = await relationshipFixture(ctx.t.http, ctx.owner, { timezone: 'Europe/Paris' });
    const contract = await api().draft(r.id, { startDate: '2026-01-01', endDate: '2026-06-30', reminderDaysBefore: [7], ...overrides });
    await api().act(contract.id, 'activate').expect(200);
    return { id: contract.id, relationshipId: r.id };
  }

  const terms = async (relationshipId: string) =>
    (await api().relationship(relationshipId)).renewalChain.map(
      (t: { termNumber: number; status: string; startDate: string; endDate: string }) => [t.termNumber, t.status, t.startDate, t.endDate],
    );
  /** `toSend`: scheduled, or already sent by the notifications.send worker running alongside. */
  const outcomeRows = (contractId: string) =>
    ctx
      .db()
      .query(
        `SELECT kind, offset_days AS "offset", status <> 'skipped' AS "toSend", recipients FROM notifications WHERE subject_id = $1 AND kind IN ('renewed','ended')`,
        [contractId],
      );

  it('rolls each term once the day after its end in brand time, under two concurrent runs', async () => {
    const renewing = await activeContract({ autoRenew: true, renewalTermMonths: 3 });
    const cancelled = await activeContract({ autoRenew: true, renewalTermMonths: 3 });
    await api().act(cancelled.id, 'cancel-auto-renew').expect(200);
    const drafted = await activeContract({ autoRenew: true, renewalTermMonths: 3 });
    const draft = (await api().act(drafted.id, 'renew', { endDate: '2026-12-31' }).expect(201)).body;

    // 2026-06-30 in Paris still: nothing ends yet.
    await ctx.run(JobName.ContractsRollover);
    expect(await terms(renewing.relationshipId)).toEqual([[1, 'active', '2026-01-01', '2026-06-30']]);

    // 00:30 on 2026-07-01 in Paris (UTC+2): two workers roll at once.
    ctx.clock.set('2026-06-30T22:30:00Z');
    await Promise.all([ctx.run(JobName.ContractsRollover), ctx.run(JobName.ContractsRollover)]);
    await ctx.run(JobName.ContractsRollover);

    expect(await terms(renewing.relationshipId)).toEqual([
      [1, 'renewed', '2026-01-01', '2026-06-30'],
      [2, 'active', '2026-07-01', '2026-09-30'],
    ]);
    expect((await api().relationship(renewing.relationshipId)).status).toBe('active');
    const next = (await api().relationship(renewing.relationshipId)).currentContract.id;
    expect((await api().deliverables(next)).length).toBe(6);
    expect(await outcomeRows(renewing.id)).toEqual([{ kind: 'renewed', offset: 0, toSend: true, recipients: [ctx.owner.email] }]);

    expect(await terms(cancelled.relationshipId)).toEqual([[1, 'ended', '2026-01-01', '2026-06-30']]);
    expect((await api().relationship(cancelled.relationshipId)).status).toBe('lapsed');
    expect(await outcomeRows(cancelled.id)).toEqual([{ kind: 'ended', offset: 0, toSend: true, recipients: [ctx.owner.email] }]);

    // The draft `renew` made is the term that becomes active, not a second one.
    expect(await terms(drafted.relationshipId)).toEqual([
      [1, 'renewed', '2026-01-01', '2026-06-30'],
      [2, 'active', '2026-07-01', '2026-12-31'],
    ]);
    expect((await api().relationship(drafted.relationshipId)).currentContract.id).toBe(draft.id);

    // Recorded by the system: no user acted.
    const log = await ctx
      .db()
      .query(`SELECT action, actor_user_id AS "actor" FROM activity_log WHERE entity_id = $1 AND action = 'rolled_over'`, [renewing.id]);
    expect(log).toEqual([{ action: 'rolled_over', actor: null }]);
  });

  it('ends a term without auto-renewal', async () => {
    ctx.clock.set('2026-06-30T12:00:00Z');
    const plain = await activeContract({});
    ctx.clock.set('2026-07-01T12:00:00Z');
    await ctx.run(JobName.ContractsRollover);
    expect(await terms(plain.relationshipId)).toEqual([[1, 'ended', '2026-01-01', '2026-06-30']]);
    expect(await outcomeRows(plain.id)).toEqual([expect.objectContaining({ kind: 'ended' })]);
  });
});
