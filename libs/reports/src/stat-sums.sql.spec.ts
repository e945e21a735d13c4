import { ZERO_TOTALS } from '@app/rollups';
import { STAT_SUMS } from './stat-sums.sql';

describe('STAT_SUMS', () => {
  it('sums every stats column into its StatTotals key, money as text', () => {
    const keys = [...STAT_SUMS.matchAll(/AS "(\w+)"/g)].map((m) => m[1]);
    expect(keys.sort()).toEqual(Object.keys(ZERO_TOTALS).sort());
    expect(STAT_SUMS).toContain(`COALESCE(sum(s.spend_deliverable_fee), 0)::text AS "spendDeliverableFee"`);
    expect(STAT_SUMS).toContain(`COALESCE(sum(s.deliverables_on_time), 0)::text AS "deliverablesOnTime"`);
  });
});
