import type { DomainEventInput } from '@app/events';
import type { Contract } from './contract.entity';

/**
 * The domain event of a logged contract action (ContractLifecycle.record), or none: a renewal's draft term is
 * announced by its own contract.created, and the term it continues by contract.renewed when it rolls into it.
 * `contract` is read after the transition, so its status is the new one.
 */
export function contractEvent(contract: Contract, action: string, changes: Record<string, unknown>): DomainEventInput | null {
  const base = {
    contractId: contract.id,
    relationshipId: contract.relationshipId,
    status: contract.status,
    startDate: contract.startDate,
    endDate: contract.endDate,
  };
  const subject = { subjectType: 'contract' as const, subjectId: contract.id };
  switch (action) {
    case 'created':
      return { ...subject, type: 'contract.created', data: base };
    case 'activated':
      return { ...subject, type: 'contract.activated', data: base };
    case 'auto_renew_cancelled':
      return { ...subject, type: 'contract.auto_renew_cancelled', data: base };
    case 'terminated':
      return {
        ...subject,
        type: 'contract.terminated',
        data: { ...base, terminationDate: contract.terminationDate!, reason: contract.terminationReason ?? null },
      };
    case 'rolled_over':
      return contract.status === 'renewed'
        ? { ...subject, type: 'contract.renewed', data: { ...base, nextContractId: changes.nextContractId as string } }
        : { ...subject, type: 'contract.ended', data: base };
    default:
      return null;
  }
}
