import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActivityService } from '@app/activity';
import { NotFoundException, RequestContext, roleAtLeast, Role, ValidationException } from '@app/common';
import { ScopedRepository } from '@app/database';
import { InfluencersService } from '@app/influencers';
import { PayoutMethod } from './payout-method.entity';
import { maskDetails, normaliseDetails, PayoutMethodDetails, PayoutMethodKind, payoutMethodErrors } from './payout-method.rules';

export interface PayoutMethodRecord {
  influencerId: string;
  kind: PayoutMethodKind;
  details: PayoutMethodDetails;
  /** false when the details are masked: every reader but an admin (docs/payouts.md). */
  unmasked: boolean;
  updatedAt: Date;
}

/**
 * Payout methods: validated per kind, stored whole, answered masked except to admins. Changes are in the
 * audit log with the masked details only: the log is read by more people than may see an account.
 */
@Injectable()
export class PayoutMethodsService {
  private readonly methods: ScopedRepository<PayoutMethod>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly influencers: InfluencersService,
    private readonly activity: ActivityService,
  ) {
    this.methods = new ScopedRepository(dataSource, PayoutMethod, 'Payout method');
  }

  async get(influencerId: string): Promise<PayoutMethodRecord> {
    await this.influencers.get(influencerId);
    const method = await this.methods.findOne({ influencerId });
    if (!method) throw new NotFoundException('Payout method of influencer', influencerId);
    return this.view(method, roleAtLeast(RequestContext.actor().role, Role.Admin));
  }

  /** Replaces the influencer's method (one per influencer): an upsert on uq_payout_methods_influencer. */
  async set(influencerId: string, kind: PayoutMethodKind, input: PayoutMethodDetails): Promise<PayoutMethodRecord> {
    await this.influencers.get(influencerId);
    const errors = payoutMethodErrors(kind, input);
    if (errors.length) throw new ValidationException(errors);
    const details = normaliseDetails(input);
    await this.dataSource.transaction(async (manager) => {
      const previous = await this.methods.findOne({ influencerId }, undefined, manager);
      const [row] = (await manager.query(
        `INSERT INTO payout_methods (workspace_id, influencer_id, kind, details) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT uq_payout_methods_influencer DO UPDATE SET kind = EXCLUDED.kind, details = EXCLUDED.details, updated_at = now()
         RETURNING id`,
        [this.methods.workspaceId(), influencerId, kind, details],
      )) as { id: string }[];
      await this.activity.record(manager, {
        entityType: 'payout_method',
        entityId: row.id,
        action: previous ? 'updated' : 'created',
        changes: {
          influencerId,
          kind: previous && previous.kind !== kind ? { from: previous.kind, to: kind } : kind,
          details: previous ? { from: maskDetails(previous.details), to: maskDetails(details) } : maskDetails(details),
        },
      });
    });
    return this.get(influencerId);
  }

  async remove(influencerId: string): Promise<void> {
    await this.influencers.get(influencerId);
    await this.dataSource.transaction(async (manager) => {
      const method = await this.methods.findOne({ influencerId }, undefined, manager);
      if (!method) throw new NotFoundException('Payout method of influencer', influencerId);
      await manager.delete(PayoutMethod, { id: method.id, workspaceId: method.workspaceId });
      await this.activity.record(manager, {
        entityType: 'payout_method',
        entityId: method.id,
        action: 'deleted',
        changes: { influencerId, kind: method.kind, details: maskDetails(method.details) },
      });
    });
  }

  /** The methods of these influencers, full: for exports (admins only) and, masked by the caller, statements. */
  async byInfluencer(influencerIds: string[]): Promise<Map<string, PayoutMethod>> {
    if (!influencerIds.length) return new Map();
    const rows = await this.methods.query('m').andWhere('m.influencerId IN (:...ids)', { ids: influencerIds }).getMany();
    return new Map(rows.map((row) => [row.influencerId, row]));
  }

  private view(method: PayoutMethod, unmasked: boolean): PayoutMethodRecord {
    const { influencerId, kind, details, updatedAt } = method;
    return { influencerId, kind, details: unmasked ? details : maskDetails(details), unmasked, updatedAt };
  }
}
