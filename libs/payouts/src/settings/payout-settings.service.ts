import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '@app/activity';
import { RequestContext } from '@app/common';

/** The payout minimum when a workspace never set one: 50 units of the payout's currency (50.00 EUR, 50 JPY, 50.000 KWD). */
export const DEFAULT_PAYOUT_MINIMUM = '50.0000';

export interface PayoutSettings {
  /** In units of each payout's currency, applied to every currency alike. */
  minimum: string;
}

/** The workspace's payout settings, in a table of this context (a row once someone changed them). */
@Injectable()
export class PayoutSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {}

  async get(manager: EntityManager = this.dataSource.manager): Promise<PayoutSettings> {
    const [row] = (await manager.query(`SELECT minimum::text FROM payout_settings WHERE workspace_id = $1`, [
      RequestContext.workspaceId(),
    ])) as {
      minimum: string;
    }[];
    return { minimum: row?.minimum ?? DEFAULT_PAYOUT_MINIMUM };
  }

  async update(settings: PayoutSettings): Promise<PayoutSettings> {
    const workspaceId = RequestContext.workspaceId();
    await this.dataSource.transaction(async (manager) => {
      const before = await this.get(manager);
      await manager.query(
        `INSERT INTO payout_settings (workspace_id, minimum) VALUES ($1, $2)
         ON CONFLICT (workspace_id) DO UPDATE SET minimum = EXCLUDED.minimum, updated_at = now()`,
        [workspaceId, settings.minimum],
      );
      await this.activity.record(manager, {
        entityType: 'workspace',
        entityId: workspaceId,
        action: 'updated',
        changes: { payoutMinimum: { from: before.minimum, to: settings.minimum } },
      });
    });
    return this.get();
  }
}
