import { JobName } from '@app/queue';
import { QuarterlyReportMailer } from '@app/reports';
import { addMember, brandBody, contractCalls, influencerBody, Session, signup, useTestWorker } from './support';

/**
 * A member removed from the workspace stays on record as a relationship's owner and a brand's manager
 * (the relationship and the brand keep their history), but their access ended: the program's emails
 * (renewal reminders, the report) must not keep going to them.
 */
describe('manager emails go to people still in the workspace (e2e: real PostgreSQL, FixedClock)', () => {
  const ctx = useTestWorker('2026-06-01T12:00:00Z');
  let leaver: Session;
  let relationship: { id: string; brandId: string };

  beforeAll(async () => {
    leaver = await signup(ctx.t.http, { email: 'leaver@example.com' });
    const { memberId } = await addMember(ctx.t, ctx.owner, leaver, 'manager');
    const brandId: string = (
      await ctx.t.http
        .post('/v1/brands')
        .set(ctx.owner.auth)
        .send(brandBody({ managerUserIds: [ctx.owner.userId, leaver.userId] }))
        .expect(201)
    ).body.id;
    const influencerId: string = (await ctx.t.http.post('/v1/influencers').set(ctx.owner.auth).send(influencerBody()).expect(201)).body.id;
    const created = await ctx.t.http
      .post('/v1/relationships')
      .set(ctx.owner.auth)
      .send({ brandId, influencerId, ownerUserId: leaver.userId })
      .expect(201);
    relationship = { id: created.body.id, brandId };
    await ctx.t.http.delete(`/v1/members/${memberId}`).set(ctx.owner.auth).expect(204);
  });

  const recipients = async (subjectId: string): Promise<string[][]> =>
    (await ctx.db().query(`SELECT recipients FROM notifications WHERE subject_id = $1`, [subjectId])).map(
      (row: { recipients: string[] }) => row.recipients,
    );

  it('a renewal reminder of a relationship the leaver owned goes to the remaining brand manager only', async () => {
    const calls = contractCalls(ctx.t.http, ctx.owner);
    const contract = await calls.draft(relationship.id, { startDate: '2026-01-01', endDate: '2026-07-01', reminderDaysBefore: [30] });
    await calls.act(contract.id, 'activate').expect(200);
    await ctx.run(JobName.RenewalsScan);
    expect(await recipients(contract.id)).toEqual([[ctx.owner.email]]);
  });

  it("the brand's report email goes to the remaining brand manager only", async () => {
    await ctx.worker.get(QuarterlyReportMailer).run({ brandId: relationship.brandId, quarter: '2026-Q1', requestId: 'r1' });
    expect(await recipients(relationship.brandId)).toEqual([[ctx.owner.email]]);
  });
});
