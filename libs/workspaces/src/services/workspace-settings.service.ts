import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService, diff } from '@app/activity';
import { RequestContext } from '@app/common';
import { retierWorkspace, TierThresholds, withDefaults } from '@app/influencers';
import { EmvRates, markRollupDirty } from '@app/rollups';

export interface WorkspaceSettingsInput {
  name?: string | null;
  tierThresholds?: TierThresholds;
  conversionLockDays?: number | null;
  /** Rates to change; actions left out keep theirs. */
  emvRates?: EmvRates;
  /** The ambassador portal (docs/portal.md): activate needs accepted terms; an ambassador's post URL publishes. */
  requireTermsAcceptance?: boolean | null;
  ambassadorsPublish?: boolean | null;
}

/**
 * Workspace settings that other data depends on. Changing the thresholds asks influencers to re-tier every
 * influencer of the workspace in the same transaction (the row is held exclusively meanwhile: lockTierThresholds).
 * Changing EMV rates marks every publication day of the workspace for the rollups, whose EMV is stored.
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
      const [before]: {
        name: string;
        tierThresholds: Partial<TierThresholds>;
        conversionLockDays: number;
        emvRates: EmvRates;
        requireTermsAcceptance: boolean;
        ambassadorsPublish: boolean;
      }[] = await manager.query(
        `SELECT name, tier_thresholds AS "tierThresholds", conversion_lock_days AS "conversionLockDays", emv_rates AS "emvRates",
                require_terms_acceptance AS "requireTermsAcceptance", ambassadors_publish AS "ambassadorsPublish" FROM workspaces WHERE id = $1 FOR UPDATE`,
        [workspaceId],
      );
      const thresholds = input.tierThresholds && {
        micro: input.tierThresholds.micro,
        mid: input.tierThresholds.mid,
        macro: input.tierThresholds.macro,
        mega: input.tierThresholds.mega,
      };
      const emvRates = input.emvRates && { ...before.emvRates, ...definedRates(input.emvRates) };
      await manager.query(
        `UPDATE workspaces SET name = coalesce($2, name), tier_thresholds = coalesce($3::jsonb, tier_thresholds),
           conversion_lock_days = coalesce($4, conversion_lock_days), emv_rates = coalesce($5::jsonb, emv_rates),
           require_terms_acceptance = coalesce($6, require_terms_acceptance), ambassadors_publish = coalesce($7, ambassadors_publish), updated_at = now() WHERE id = $1`,
        [
          workspaceId,
          input.name ?? null,
          thresholds ? JSON.stringify(thresholds) : null,
          input.conversionLockDays ?? null,
          emvRates ? JSON.stringify(emvRates) : null,
          input.requireTermsAcceptance ?? null,
          input.ambassadorsPublish ?? null,
        ],
      );
      const retiered = thresholds && JSON.stringify(withDefaults(before?.tierThresholds)) !== JSON.stringify(withDefaults(thresholds));
      const changed = retiered ? await retierWorkspace(manager, workspaceId, thresholds) : 0;
      const changes = diff(
        { ...before, tierThresholds: withDefaults(before?.tierThresholds) },
        {
          name: input.name ?? undefined,
          tierThresholds: thresholds,
          conversionLockDays: input.conversionLockDays ?? undefined,
          emvRates,
          requireTermsAcceptance: input.requireTermsAcceptance ?? undefined,
          ambassadorsPublish: input.ambassadorsPublish ?? undefined,
        },
      );
      if (changes.emvRates) await this.markPublicationDays(manager, workspaceId);
      if (Object.keys(changes).length) {
        await this.activity.record(manager, {
          entityType: 'workspace',
          entityId: workspaceId,
          action: 'settings_updated',
          changes: { ...changes, ...(thresholds && { influencersRetiered: changed }) },
        });
      }
      return changed;
    });
  }

  /** Every day a published deliverable of the workspace counts on: its EMV was computed with the old rates. */
  private async markPublicationDays(manager: EntityManager, workspaceId: string): Promise<void> {
    const days: { relationshipId: string; day: string }[] = await manager.query(
      `SELECT DISTINCT d.relationship_id AS "relationshipId", to_char((d.published_at AT TIME ZONE b.timezone)::date, 'YYYY-MM-DD') AS day
       FROM deliverables d JOIN relationships r ON r.id = d.relationship_id JOIN brands b ON b.id = r.brand_id
       WHERE d.workspace_id = $1 AND d.status = 'published'`,
      [workspaceId],
    );
    await markRollupDirty(manager, days);
  }
}

/** The rates a request names (the DTO instance also carries the omitted actions, as undefined): an omitted action keeps its rate. */
function definedRates(rates: EmvRates): EmvRates {
  return Object.fromEntries(Object.entries(rates).filter(([, rate]) => rate !== undefined));
}
