import { ZERO_TOTALS } from './figures';
import { freshStats, STAT_COLUMNS } from './stat-sources.sql';

/** What each ledger row adds, per UNION ALL branch: the select list between the day and FROM. */
const valuesOf = (sql: string) =>
  sql.split('\n UNION ALL ').map((branch) => branch.slice(branch.indexOf(' AS day, ') + 9, branch.indexOf(' FROM ')));

describe('rollup SQL', () => {
  it('computes exactly the columns that StatTotals (figures.ts) reads', () => {
    const snake = Object.keys(ZERO_TOTALS).map((key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    expect([...STAT_COLUMNS].sort()).toEqual(snake.sort());
  });

  it('adds the same values per ledger row in the full and the incremental recompute: only the keying differs', () => {
    const all = valuesOf(freshStats('all'));
    const targets = valuesOf(freshStats('targets')).map((values) => values.replaceAll('t.timezone', 'b.timezone'));
    expect(all).toHaveLength(5);
    expect(targets).toEqual(all);
  });
});
