import { EntityManager } from 'typeorm';
import { TierThresholds, tierSql, withDefaults } from '../tier';

/**
 * The workspace's thresholds (libs/workspaces owns them) for a write that stores a tier. The share lock makes
 * the write and a threshold change (which holds the row exclusively while it re-tiers every influencer:
 * retierWorkspace) serialize, so no influencer keeps a tier computed from thresholds that were replaced while
 * it was being written. Take it before locking any influencer row: the threshold change locks the workspace
 * first, then the influencers.
 */
export async function lockTierThresholds(manager: EntityManager, workspaceId: string): Promise<TierThresholds> {
  const rows: { tier_thresholds: Partial<TierThresholds> }[] = await manager.query(
    'SELECT tier_thresholds FROM workspaces WHERE id = $1 FOR SHARE',
    [workspaceId],
  );
  return withDefaults(rows[0]?.tier_thresholds);
}

/**
 * Every influencer of the workspace tiered by new thresholds, in the caller's transaction (which holds the
 * workspace row exclusively): one statement, rows whose tier stays are not rewritten. Returns how many changed.
 */
export async function retierWorkspace(manager: EntityManager, workspaceId: string, thresholds: TierThresholds): Promise<number> {
  const tier = tierSql('max_followers', '$2::jsonb');
  const [, changed]: [unknown, number] = await manager.query(
    `UPDATE influencers SET tier = ${tier}, updated_at = now() WHERE workspace_id = $1 AND tier <> ${tier}`,
    [workspaceId, JSON.stringify(thresholds)],
  );
  return changed;
}
