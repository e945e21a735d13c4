import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService, diff } from '@app/activity';
import { RequestContext } from '@app/common';
import type { TierThresholds } from '@app/workspaces';
import { tierSql, withDefaults } from '../tier';

/**
 * Thresholds for a write that stores a tier. The share lock makes the write and a threshold change
 * (which holds the row exclusively while it recomputes every tier) serialize, so no influencer keeps a
 * tier computed from thresholds that were replaced while it was being written. Take it before locking
 * any influencer row: the threshold change locks the workspace first, then the influencers.
 */
export async function lockTierThresholds(manager: EntityManager, workspaceId: string): Promise<TierThresholds> {
  const rows: { tier_thresholds: Partial<TierThresholds> }[] = await manager.query('SELECT tier_thresholds FROM workspaces WHERE id = $1 FOR SHARE', [workspaceId]);
  return withDefaults(rows[0]?.tier_thresholds);
}

export interface WorkspaceSettingsInput {
  name?: string | null;
  tierThresholds?: TierThresholds;
  conversionLockDays?: number | null;
}

/**
 * Workspace settings that other data depends on. It lives with influencers because it owns the tier
 * rule: changing the thresholds re-tiers every influencer of the workspace in the same transaction.
 */
@Injectable()
export class UpdateWorkspaceSettings {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {}

  /** Returns how many influencers changed tier. */
  execute(input: WorkspaceSettingsInput): Promise<number> {
    const workspaceId = RequestContext.workspaceId();
    return this.dataSource.transaction(async (manager) => {
      const [before]: { name: string; tierThresholds: Partial<TierThresholds>; conversionLockDays: number }[] = await manager.query(
        'SELECT name, tier_thresholds AS "tierThresholds", conversion_lock_days AS "conversionLockDays" FROM workspaces WHERE id = $1 FOR UPDATE',
        [workspaceId],
      );
      const thresholds = input.tierThresholds && { micro: input.tierThresholds.micro, mid: input.tierThresholds.mid, macro: input.tierThresholds.macro, mega: input.tierThresholds.mega };
      await manager.query(
        `UPDATE workspaces SET name = coalesce($2, name), tier_thresholds = coalesce($3::jsonb, tier_thresholds),
           conversion_lock_days = coalesce($4, conversion_lock_days), updated_at = now() WHERE id = $1`,
        [workspaceId, input.name ?? null, thresholds ? JSON.stringify(thresholds) : null, input.conversionLockDays ?? null],
      );
      const changed = await this.retier(manager, workspaceId, before?.tierThresholds, thresholds);
      const changes = diff({ ...before, tierThresholds: withDefaults(before?.tierThresholds) }, { name: input.name ?? undefined, tierThresholds: thresholds, conversionLockDays: input.conversionLockDays ?? undefined });
      if (Object.keys(changes).length) {
        await this.activity.record(manager, { entityType: 'workspace', entityId: workspaceId, action: 'settings_updated', changes: { ...changes, ...(thresholds && { influencersRetiered: changed }) } });
      }
      return changed;
    });
  }

  private async retier(manager: EntityManager, workspaceId: string, before: Partial<TierThresholds> | undefined, thresholds: TierThresholds | undefined): Promise<number> {
    if (!thresholds || JSON.stringify(withDefaults(before)) === JSON.stringify(withDefaults(thresholds))) return 0;
    const tier = tierSql('max_followers', '$2::jsonb');
    // One statement for the whole workspace; rows whose tier stays are not rewritten.
    const [, changed]: [unknown, number] = await manager.query(
      `UPDATE influencers SET tier = ${tier}, updated_at = now() WHERE workspace_id = $1 AND tier <> ${tier}`,
      [workspaceId, JSON.stringify(thresholds)],
    );
    return changed;
  }
}
