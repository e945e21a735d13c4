import type { RelationshipStatus } from '@app/relationships';
import type { ContractStatus } from './contract.entity';

/** Statuses of terms that were once in force; drafts and cancelled drafts never were. */
export const TOOK_EFFECT: readonly ContractStatus[] = ['active', 'renewed', 'ended', 'terminated'];

/**
 * A relationship's status from its terms (docs/contracts.md): active while a term is active; else from
 * the latest term that took effect: terminated → ended, ended (or renewed) → lapsed; none → prospect.
 * Recomputed from all terms at each transition rather than patched, so it cannot drift.
 */
export function deriveRelationshipStatus(terms: { termNumber: number; status: ContractStatus }[]): RelationshipStatus {
  if (terms.some((t) => t.status === 'active')) return 'active';
  const latest = terms.filter((t) => TOOK_EFFECT.includes(t.status)).sort((a, b) => b.termNumber - a.termNumber)[0];
  if (!latest) return 'prospect';
  return latest.status === 'terminated' ? 'ended' : 'lapsed';
}
