/** Followers from which each tier starts; stored per workspace (libs/workspaces), applied here. */
export interface TierThresholds {
  micro: number;
  mid: number;
  macro: number;
  mega: number;
}

export const TIERS = ['nano', 'micro', 'mid', 'macro', 'mega'] as const;
export type Tier = (typeof TIERS)[number];

export const DEFAULT_TIER_THRESHOLDS: TierThresholds = { micro: 10_000, mid: 100_000, macro: 500_000, mega: 1_000_000 };

/** Highest first: followers land in the first tier whose lower bound they reach; below micro is nano. */
const ladder = ['mega', 'macro', 'mid', 'micro'] as const;

/** Workspaces created before a tier existed, or edited by hand, may lack a key: the default fills it. */
export function withDefaults(thresholds: Partial<TierThresholds> | null | undefined): TierThresholds {
  return { ...DEFAULT_TIER_THRESHOLDS, ...thresholds };
}

export function tierFor(followers: number, thresholds: TierThresholds): Tier {
  return ladder.find((tier) => followers >= thresholds[tier]) ?? 'nano';
}

/** The tier follows the largest account, not the sum: audiences across platforms overlap. */
export function largestAudience(accounts: readonly { followers: number }[]): number {
  return accounts.reduce((max, account) => Math.max(max, account.followers), 0);
}

export function derivedTier(accounts: readonly { followers: number }[], thresholds: TierThresholds): { maxFollowers: number; tier: Tier } {
  const maxFollowers = largestAudience(accounts);
  return { maxFollowers, tier: tierFor(maxFollowers, thresholds) };
}

/**
 * The same ladder as tierFor, as a SQL expression, for set-based recomputation (threshold changes, imports).
 * `followers` is a SQL expression; `thresholds` one yielding the jsonb {micro, mid, macro, mega}.
 */
export function tierSql(followers: string, thresholds: string): string {
  return `CASE ${ladder.map((tier) => `WHEN ${followers} >= (${thresholds}->>'${tier}')::bigint THEN '${tier}'`).join(' ')} ELSE 'nano' END`;
}
