import { JobName } from '@app/queue';
import { contractCalls, relationshipFixture, useMailingTestWorker, waitFor } from './support';

describe('renewal reminders sent late say the real days left (e2e: real PostgreSQL, Redis and SMTP server, FixedClock)', () => {
  const ctx = useMailingTestWorker('2026-06-01T10:00:00Z');

  it('a 30-day reminder sent 4 days late says 26 days and the date; a notice deadline 4 days gone says it passed', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner, { name: 'Acme', timezone: 'Europe/Paris' });
    const api = contractCalls(ctx.t.http, ctx.owner);
    const contract = await api.draft(relationship.id, {
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      autoRenew: true,
      renewalTermMonths: 12,
      noticePeriodDays: 30,
      reminderDaysBefore: [30],
    });
    await api.act(contract.id, 'activate').expect(200);

    // renewal_upcoming was due at 09:00 on 1 Dec and the notice deadline (1 Dec) reminder on 1 Nov: the worker
    // was down until 11:00 Paris on 5 Dec.
    ctx.clock.set('2026-12-05T10:00:00Z');
    await ctx.run(JobName.RenewalsScan);
    await waitFor(() => ctx.sink.messages.length === 2, 15_000);

    const subjects = ctx.sink.messages.map((m) => m.subject).sort();
    expect(subjects).toEqual([
      expect.stringMatching(/^Contract ends in 26 days \(31 Dec 2026\): Creator .+ × Acme$/),
      expect.stringMatching(/^Notice deadline passed 4 days ago \(1 Dec 2026\): Creator .+ × Acme$/),
    ]);
    const renewal = ctx.sink.messages.find((m) => m.subject.startsWith('Contract ends'))!;
    expect(renewal.text).toContain('ends on 31 Dec 2026');
    expect(renewal.text).not.toMatch(/30 days/);
    const rows = () =>
      ctx
        .db()
        .query(`SELECT kind, offset_days AS "offset", late, status FROM notifications WHERE subject_id = $1 ORDER BY kind`, [contract.id]);
    // The mark follows the SMTP exchange: wait for it rather than read it the moment the sink has the messages.
    await waitFor(async () => (await rows()).every((row: { status: string }) => row.status === 'sent'));
    expect(await rows()).toEqual([
      { kind: 'notice_deadline', offset: 30, late: true, status: 'sent' },
      { kind: 'renewal_upcoming', offset: 30, late: true, status: 'sent' },
    ]);
  });
});
