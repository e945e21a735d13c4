import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { NotificationSchedule } from '@app/notifications';
import { ContractsException } from '../contracts.exception';
import { ContractLifecycle } from '../services/contract-lifecycle';

/** The influencer's email row of a terms_to_accept moment: one per send (the period is the send's instant). */
const TERMS_EMAIL = `SELECT c.workspace_id, 'terms_to_accept', 'contract', c.id, 0, :period, 'influencer', ARRAY[i.email], 'scheduled', false, CAST(:now AS timestamptz)
  FROM contracts c JOIN relationships r ON r.id = c.relationship_id JOIN influencers i ON i.id = r.influencer_id
 WHERE c.id = :contractId AND c.workspace_id = :workspaceId AND i.email IS NOT NULL`;

/**
 * A draft's terms to the ambassador: emails them a portal link to the terms page (docs/portal.md), where they
 * read and accept. Sending again sends again (a lost email); the acceptance already on record stays.
 */
@Injectable()
export class SendTerms {
  constructor(
    private readonly lifecycle: ContractLifecycle,
    private readonly notifications: NotificationSchedule,
    private readonly clock: Clock,
  ) {}

  async execute(id: string): Promise<void> {
    const now = this.clock.now();
    const ids = await this.lifecycle.transition(id, 'send the terms of', ['draft'], async (manager, { contract }) => {
      const params = { contractId: id, workspaceId: contract.workspaceId, now, period: now.toISOString() };
      const rows = await this.notifications.insert(TERMS_EMAIL, params, manager);
      if (!rows.length) throw ContractsException.noAmbassadorEmail(contract.status);
      await this.lifecycle.update(manager, contract, { termsSentAt: now });
      await this.lifecycle.record(manager, contract, 'terms_sent', {});
      return rows;
    });
    await this.notifications.send(ids);
  }
}
