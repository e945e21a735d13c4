import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { CostsAccrual } from '@app/costs';
import { DeliverablesService } from '@app/deliverables';
import { Contract } from '../contract.entity';
import { ContractsException } from '../contracts.exception';
import { TOOK_EFFECT } from '../relationship-status.rule';
import { ContractLifecycle, forDeliverables, LockedContract } from '../services/contract-lifecycle';

/**
 * draft → active. Terms never overlap: the dates are checked against every other term that took effect,
 * a terminated one counting up to its termination date. At most one term is active, whatever its dates:
 * a drafted next term becomes active at rollover, not by hand. Generates the planned deliverables and accrues
 * the retainer of the days already begun, in the same transaction.
 */
@Injectable()
export class ActivateContract {
  constructor(
    private readonly lifecycle: ContractLifecycle,
    private readonly deliverables: DeliverablesService,
    private readonly clock: Clock,
    private readonly accrual: CostsAccrual,
  ) {}

  execute(id: string): Promise<void> {
    return this.lifecycle.transition(id, 'activate', ['draft'], async (manager, locked) => {
      await this.requireAcceptance(manager, locked.contract);
      await this.activateLocked(manager, locked);
    });
  }

  /** The activation itself, for a caller that already holds the locks (the rollover activates the next term in its own transaction). */
  async activateLocked(manager: EntityManager, { relationship, contract }: LockedContract): Promise<void> {
    const overlapping = await this.overlapping(manager, contract);
    if (overlapping) throw ContractsException.overlap(contract.status, overlapping);
    const active = await this.lifecycle.contracts.findOne(
      { relationshipId: contract.relationshipId, status: 'active' },
      undefined,
      manager,
    );
    if (active) throw ContractsException.anotherActive(contract.status, active.id);
    await this.lifecycle.update(manager, contract, { status: 'active', activatedAt: this.clock.now() });
    // A term that started in the past owes its retainer through today now, not at the next hourly costs.accrue:
    // until then its ROI would read as if those days were free (docs/costs.md).
    await this.accrual.accrueContracts([contract.id], manager);
    await this.lifecycle.record(manager, contract, 'activated', { status: { from: 'draft', to: 'active' } });
    await this.deliverables.generateForContract(manager, forDeliverables(contract));
    await this.lifecycle.syncRelationshipStatus(manager, relationship);
  }

  /** The workspace's requireTermsAcceptance: a term by hand becomes active only once the ambassador accepted it. */
  private async requireAcceptance(manager: EntityManager, contract: Contract): Promise<void> {
    if (contract.termsAcceptedAt) return;
    const [workspace]: { required: boolean }[] = await manager.query(
      'SELECT require_terms_acceptance AS required FROM workspaces WHERE id = $1',
      [contract.workspaceId],
    );
    if (workspace?.required) throw ContractsException.termsNotAccepted(contract.status);
  }

  private overlapping(manager: EntityManager, contract: Contract): Promise<Contract | null> {
    return this.lifecycle.contracts
      .query('c', manager)
      .andWhere('c.relationshipId = :relationshipId AND c.id <> :id AND c.status IN (:...tookEffect)', {
        relationshipId: contract.relationshipId,
        id: contract.id,
        tookEffect: TOOK_EFFECT,
      })
      .andWhere('c.startDate <= :endDate AND COALESCE(c.terminationDate, c.endDate) >= :startDate', {
        startDate: contract.startDate,
        endDate: contract.endDate,
      })
      .orderBy('c.startDate')
      .getOne();
  }
}
