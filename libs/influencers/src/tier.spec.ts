import { DEFAULT_TIER_THRESHOLDS, derivedTier, tierFor, tierSql, withDefaults } from './tier';

describe(tierFor.name, () => {
  it.each([
    [0, 'nano'],
    [9_999, 'nano'],
    [10_000, 'micro'],
    [99_999, 'micro'],
    [100_000, 'mid'],
    [499_999, 'mid'],
    [500_000, 'macro'],
    [999_999, 'macro'],
    [1_000_000, 'mega'],
    [250_000_000, 'mega'],
  ])('puts %d followers in %s with the default thresholds', (followers, tier) => {
    expect(tierFor(followers, DEFAULT_TIER_THRESHOLDS)).toBe(tier);
  });

  it('uses the workspace thresholds, lower bounds inclusive', () => {
    const thresholds = { micro: 5_000, mid: 50_000, macro: 200_000, mega: 400_000 };
    expect(tierFor(4_999, thresholds)).toBe('nano');
    expect(tierFor(5_000, thresholds)).toBe('micro');
    expect(tierFor(200_000, thresholds)).toBe('macro');
    expect(tierFor(400_000, thresholds)).toBe('mega');
  });
});

describe(derivedTier.name, () => {
  it('follows the largest account, not the sum', () => {
    expect(derivedTier([{ followers: 8_000 }, { followers: 9_000 }], DEFAULT_TIER_THRESHOLDS)).toEqual({
      maxFollowers: 9_000,
      tier: 'nano',
    });
    expect(derivedTier([{ followers: 8_000 }, { followers: 120_000 }], DEFAULT_TIER_THRESHOLDS)).toEqual({
      maxFollowers: 120_000,
      tier: 'mid',
    });
  });

  it('is nano with no accounts', () => {
    expect(derivedTier([], DEFAULT_TIER_THRESHOLDS)).toEqual({ maxFollowers: 0, tier: 'nano' });
  });
});

describe(withDefaults.name, () => {
  it('fills missing thresholds with the defaults', () => {
    expect(withDefaults({ micro: 1_000 })).toEqual({ ...DEFAULT_TIER_THRESHOLDS, micro: 1_000 });
    expect(withDefaults(null)).toEqual(DEFAULT_TIER_THRESHOLDS);
  });
});

describe(tierSql.name, () => {
  it('checks the tiers from the highest down, as tierFor does', () => {
    const sql = tierSql('f', '$2');
    const order = ['mega', 'macro', 'mid', 'micro'].map((tier) => sql.indexOf(`THEN '${tier}'`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(sql).toMatch(/ELSE 'nano' END$/);
  });
});
