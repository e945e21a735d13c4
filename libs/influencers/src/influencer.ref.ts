import type { Platform } from './influencer-input';

/** An influencer as other contexts' lists name it: the name and the main handle (the largest account's). */
export interface InfluencerRef {
  id: string;
  name: string;
  /** null when the influencer has no social account. */
  handle: string | null;
  platform: Platform | null;
}

/**
 * SQL for the InfluencerRef of the influencer whose id is `idSql`, as one JSON value: a scalar subquery,
 * so a list that selects it stays one statement (no N+1). The main account is the first of
 * InfluencerRecord.socialAccounts: most followers, ties by platform.
 */
export const influencerRefSql = (
  idSql: string,
): string => `(SELECT json_build_object('id', ir.id, 'name', ir.name, 'handle', ia.handle, 'platform', ia.platform)
    FROM influencers ir
    LEFT JOIN LATERAL (SELECT a.handle, a.platform FROM social_accounts a WHERE a.influencer_id = ir.id ORDER BY a.followers DESC, a.platform LIMIT 1) ia ON true
   WHERE ir.id = ${idSql})`;
