import { Clock, FixedClock } from '@app/common';
import { contractBody, relationshipFixture, useTestApp } from './support';

// 20:00 UTC on 15 March: already 16 March 09:00 in Auckland (NZDT, +13), still 15 March 13:00 in Los Angeles (PDT, −7).
const clock = new FixedClock(new Date('2026-03-15T20:00:00Z'));

describe('contracts: time zones (e2e)', () => {
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));

  const activeContract = async (timezone: string) => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner, {
      timezone,
      currency: timezone === 'Pacific/Auckland' ? 'NZD' : 'USD',
    });
    const { body } = await ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(contractBody(relationship.id)).expect(201);
    await ctx.t.http.post(`/v1/contracts/${body.id}/activate`).set(ctx.owner.auth).expect(200);
    return body;
  };

  it('ends the same calendar date at different instants in Auckland and Los Angeles', async () => {
    const auckland = await activeContract('Pacific/Auckland');
    const losAngeles = await activeContract('America/Los_Angeles');
    expect(auckland).toMatchObject({
      endDate: '2026-06-30',
      timezone: 'Pacific/Auckland',
      endsAt: '2026-07-01T00:00:00.000+12:00',
      startsAt: '2026-01-01T00:00:00.000+13:00',
    });
    expect(losAngeles).toMatchObject({
      endDate: '2026-06-30',
      timezone: 'America/Los_Angeles',
      endsAt: '2026-07-01T00:00:00.000-07:00',
      startsAt: '2026-01-01T00:00:00.000-08:00',
    });
    expect(Date.parse(losAngeles.endsAt) - Date.parse(auckland.endsAt)).toBe(19 * 3600 * 1000);
  });

  it("terminates by default on the brand's today, which differs between the two zones at the same instant", async () => {
    const auckland = await activeContract('Pacific/Auckland');
    const losAngeles = await activeContract('America/Los_Angeles');
    const terminate = (id: string) =>
      ctx.t.http.post(`/v1/contracts/${id}/terminate`).set(ctx.owner.auth).send({ reason: 'End of collaboration' }).expect(200);
    expect((await terminate(auckland.id)).body.terminationDate).toBe('2026-03-16');
    expect((await terminate(losAngeles.id)).body.terminationDate).toBe('2026-03-15');
  });

  it('refuses the default effective date when today is outside the term, saying which day it took', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner, { timezone: 'America/Los_Angeles' });
    const { body } = await ctx.t.http
      .post('/v1/contracts')
      .set(ctx.owner.auth)
      .send(contractBody(relationship.id, { startDate: '2026-04-01', endDate: '2026-09-30' }))
      .expect(201);
    await ctx.t.http.post(`/v1/contracts/${body.id}/activate`).set(ctx.owner.auth).expect(200);
    const refused = await ctx.t.http
      .post(`/v1/contracts/${body.id}/terminate`)
      .set(ctx.owner.auth)
      .send({ reason: 'Never started' })
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'effectiveDate', message: expect.stringContaining('2026-03-15') }]);
  });
});
