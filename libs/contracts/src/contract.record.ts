import { SelectQueryBuilder } from 'typeorm';
import { BrandRef, brandRefSql } from '@app/brands';
import { InfluencerRef, influencerRefSql } from '@app/influencers';
import type { PlanItem } from '@app/deliverables';
import type { Contract, ContractStatus } from './contract.entity';

/** A contract as clients read it, with what its relationship and brand say about it. Money still at storage scale. */
export interface ContractRecord {
  id: string;
  relationshipId: string;
  brandId: string;
  influencerId: string;
  brand: BrandRef;
  influencer: InfluencerRef;
  /** The brand's zone: the one in which the dates are read. */
  timezone: string;
  previousContractId: string | null;
  termNumber: number;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  currency: string;
  retainerMonthly: string;
  feePerDeliverable: string;
  giftingBudget: string;
  commissionRate: string;
  deliverablePlan: PlanItem[];
  autoRenew: boolean;
  renewalTermMonths: number | null;
  noticePeriodDays: number;
  reminderDaysBefore: number[];
  exclusivityCategory: string | null;
  exclusivityUntil: string | null;
  usageRightsUntil: string | null;
  notes: string | null;
  autoRenewCancelledAt: Date | null;
  activatedAt: Date | null;
  terminationDate: string | null;
  terminationReason: string | null;
  terminatedAt: Date | null;
  createdByUserId: string | null;
  termsSentAt: Date | null;
  /** The ambassador's acceptance of this draft's terms, or null (none yet, or voided by a change). */
  termsAcceptance: TermsAcceptance | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TermsAcceptance {
  name: string;
  acceptedAt: string;
  ip: string | null;
  userAgent: string | null;
  termsSha256: string;
}

/** Property → SQL. Dates as text: a `date` must not become a JS Date shifted by the server's zone. */
const columns: Record<keyof ContractRecord, string> = {
  id: 'c.id',
  relationshipId: 'c.relationship_id',
  brandId: 'r.brand_id',
  influencerId: 'r.influencer_id',
  brand: brandRefSql('r.brand_id'),
  influencer: influencerRefSql('r.influencer_id'),
  timezone: 'b.timezone',
  previousContractId: 'c.previous_contract_id',
  termNumber: 'c.term_number',
  status: 'c.status',
  startDate: 'c.start_date::text',
  endDate: 'c.end_date::text',
  currency: 'c.currency',
  retainerMonthly: 'c.retainer_monthly::text',
  feePerDeliverable: 'c.fee_per_deliverable::text',
  giftingBudget: 'c.gifting_budget::text',
  commissionRate: 'trim_scale(c.commission_rate)::text',
  deliverablePlan: 'c.deliverable_plan',
  autoRenew: 'c.auto_renew',
  renewalTermMonths: 'c.renewal_term_months',
  noticePeriodDays: 'c.notice_period_days',
  reminderDaysBefore: 'c.reminder_days_before',
  exclusivityCategory: 'c.exclusivity_category',
  exclusivityUntil: 'c.exclusivity_until::text',
  usageRightsUntil: 'c.usage_rights_until::text',
  notes: 'c.notes',
  autoRenewCancelledAt: 'c.auto_renew_cancelled_at',
  activatedAt: 'c.activated_at',
  terminationDate: 'c.termination_date::text',
  terminationReason: 'c.termination_reason',
  terminatedAt: 'c.terminated_at',
  createdByUserId: 'c.created_by_user_id',
  termsSentAt: 'c.terms_sent_at',
  termsAcceptance: `CASE WHEN c.terms_accepted_at IS NULL THEN NULL ELSE json_build_object('name', c.terms_accepted_name,
    'acceptedAt', c.terms_accepted_at, 'ip', c.terms_accepted_ip, 'userAgent', c.terms_accepted_user_agent, 'termsSha256', c.terms_accepted_sha256) END`,
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
};

/**
 * One statement per page, no hydration. The joins read the relationship and brand tables directly: a
 * read across contexts, like reports do; every write goes through their services.
 */
export function selectContractRecords(query: SelectQueryBuilder<Contract>): SelectQueryBuilder<Contract> {
  return query
    .innerJoin('relationships', 'r', 'r.id = c.relationship_id')
    .innerJoin('brands', 'b', 'b.id = r.brand_id')
    .select(Object.entries(columns).map(([property, sql]) => `${sql} AS "${property}"`));
}
