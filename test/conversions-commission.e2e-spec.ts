import { Client } from 'pg';
import { Clock, FixedClock } from '@app/common';
import { contractCalls, conversionBody, relationshipFixture, useTestApp } from './support';

const clock = new FixedClock(new Date('2026-05-15T12:00:00Z'));

describe('conversions: commission of the term in force (e2e)', () => {
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));

  it("uses the term in force at occurredAt, read in the brand's time zone, and none outside any term", async () => {
    const { http } = ctx.t;
    const calls = contractCalls(http, ctx.owner);
    const relationship = await relationshipFixture(http, ctx.owner, { timezone: 'America/Los_Angeles', currency: 'USD' });
    const first = await calls.draft(relationship.id, { startDate: '2026-01-01', endDate: '2026-06-30', commissionRate: '10' });
    await calls.act(first.id, 'activate').expect(200);
    // Terminated early: its last day in force is 31 May, so June has no term.
    await calls.act(first.id, 'terminate', { reason: 'Renegotiated', effectiveDate: '2026-05-31' }).expect(200);
    const second = await calls.draft(relationship.id, { startDate: '2026-07-01', endDate: '2026-12-31', commissionRate: '20' });
    await calls.act(second.id, 'activate').expect(200);

    // Orders are refused when dated ahead of the clock: read them once the last one has happened.
    clock.set('2026-07-02T12:00:00Z');
    const at = async (occurredAt: string) =>
      (
        await http
          .post('/v1/conversions')
          .set(ctx.owner.auth)
          .send(conversionBody({ relationshipId: relationship.id, currency: 'USD', occurredAt }))
          .expect(201)
      ).body;

    expect(await at('2025-12-31T23:30:00-08:00')).toMatchObject({ contractId: null, commissionRate: null, commissionAmount: '0.00' });
    expect(await at('2026-03-10T12:00:00Z')).toMatchObject({
      contractId: first.id,
      commissionRate: '10.0000',
      commissionAmount: '9.00',
      netAmount: '90.00',
    });
    // 31 May 23:30 in Los Angeles is already 1 June UTC: still the first term's last day.
    expect(await at('2026-06-01T06:30:00Z')).toMatchObject({ contractId: first.id, commissionAmount: '9.00' });
    expect(await at('2026-06-15T12:00:00Z')).toMatchObject({ contractId: null, commissionAmount: '0.00' });
    // 1 July 05:00 UTC is 30 June 22:00 in Los Angeles: between the terms.
    expect(await at('2026-07-01T05:00:00Z')).toMatchObject({ contractId: null });
    expect(await at('2026-07-01T08:00:00Z')).toMatchObject({ contractId: second.id, commissionRate: '20.0000', commissionAmount: '18.00' });
  });

  it('marks the (relationship, brand-local day) of each new conversion dirty for the rollups', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner, { timezone: 'Pacific/Auckland', currency: 'NZD' });
    const conversions = ['2026-03-10T20:00:00Z', '2026-03-10T09:00:00Z'].map((occurredAt) =>
      conversionBody({ relationshipId: relationship.id, currency: 'NZD', occurredAt }),
    );
    await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(200);
    const client = new Client({ connectionString: ctx.t.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT day::text FROM rollup_dirty_days WHERE relationship_id = $1 ORDER BY day`, [
        relationship.id,
      ]);
      expect(rows.map((r) => r.day)).toEqual(['2026-03-10', '2026-03-11']);
    } finally {
      await client.end();
    }
  });
});
