import { createHash } from 'node:crypto';
import { formatMoney } from '@app/common';
import type { ContractRecord } from './contract.record';

/** What an ambassador reads and accepts of a term: every field that binds them, nothing internal (notes, reminders). */
export interface CanonicalTerms {
  contractId: string;
  brand: string;
  ambassador: string;
  termNumber: number;
  startDate: string;
  endDate: string;
  currency: string;
  retainerMonthly: string;
  feePerDeliverable: string;
  commissionRate: string;
  giftingBudget: string;
  deliverablePlan: unknown[];
  usageRightsUntil: string | null;
  exclusivityCategory: string | null;
  exclusivityUntil: string | null;
  noticePeriodDays: number;
  autoRenew: boolean;
  renewalTermMonths: number | null;
}

/** The terms in a fixed key order and money in the currency's minor units, as shown: the same terms always give the same text and hash. */
export function canonicalTerms(c: ContractRecord): CanonicalTerms {
  return {
    contractId: c.id,
    brand: c.brand.name,
    ambassador: c.influencer.name,
    termNumber: c.termNumber,
    startDate: c.startDate,
    endDate: c.endDate,
    currency: c.currency,
    retainerMonthly: formatMoney(c.retainerMonthly, c.currency),
    feePerDeliverable: formatMoney(c.feePerDeliverable, c.currency),
    commissionRate: c.commissionRate,
    giftingBudget: formatMoney(c.giftingBudget, c.currency),
    deliverablePlan: c.deliverablePlan,
    usageRightsUntil: c.usageRightsUntil,
    exclusivityCategory: c.exclusivityCategory,
    exclusivityUntil: c.exclusivityUntil,
    noticePeriodDays: c.noticePeriodDays,
    autoRenew: c.autoRenew,
    renewalTermMonths: c.renewalTermMonths,
  };
}

/** SHA-256 (hex) of the canonical JSON: what the acceptance records as "the terms as shown". */
export const termsSha256 = (terms: CanonicalTerms): string => createHash('sha256').update(JSON.stringify(terms)).digest('hex');
