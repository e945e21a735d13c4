import { NotificationRow } from './notification-kinds';

/** What a template may show about the row's subject. */
export interface TemplateData {
  brand: { id: string; name: string; timezone: string };
  influencer: { id: string; name: string; email: string | null } | null;
  contract: {
    id: string;
    /** Where the console shows it (consoleLink). */
    relationshipId: string;
    termNumber: number;
    startDate: string;
    endDate: string;
    currency: string;
    retainerMonthly: string;
    feePerDeliverable: string;
    autoRenew: boolean;
    renewalTermMonths: number | null;
    noticeDeadline: string;
  } | null;
  deliverable: { id: string; type: string; platform: string; dueDate: string; status: string } | null;
  /** Whom an influencer's email names and its Reply-To reaches: the relationship's owner, else a manager of the brand. */
  contact: { name: string; email: string } | null;
}

/**
 * The subject's data as columns of the notification row `n`: read by the send's claim itself (one round trip
 * per email less, which is what a send spends its CPU on). Only within the row's workspace; every column is
 * NULL when the subject is gone. Aliases start with "t_" so they never shadow the row's own columns.
 */
export const TEMPLATE_COLUMNS = `c.id AS "t_contractId", r.id AS "t_relationshipId", c.term_number AS "t_termNumber", c.start_date::text AS "t_startDate",
  c.end_date::text AS "t_endDate", c.currency AS "t_currency", c.retainer_monthly::text AS "t_retainerMonthly",
  c.fee_per_deliverable::text AS "t_feePerDeliverable", c.auto_renew AS "t_autoRenew", c.renewal_term_months AS "t_renewalTermMonths",
  (c.end_date - c.notice_period_days)::text AS "t_noticeDeadline",
  b.id AS "t_brandId", b.name AS "t_brandName", b.timezone AS "t_brandTimezone", i.id AS "t_influencerId", i.name AS "t_influencerName", i.email AS "t_influencerEmail",
  d.id AS "t_deliverableId", d.type AS "t_type", d.platform AS "t_platform", d.due_date::text AS "t_dueDate", d.status AS "t_status",
  o.name AS "t_contactName", o.email AS "t_contactEmail"`;
export const TEMPLATE_JOINS = `
  LEFT JOIN deliverables d ON n.subject_type = 'deliverable' AND d.id = n.subject_id AND d.workspace_id = n.workspace_id
  LEFT JOIN contracts c ON c.id = CASE n.subject_type WHEN 'contract' THEN n.subject_id WHEN 'deliverable' THEN d.contract_id END
    AND c.workspace_id = n.workspace_id
  LEFT JOIN relationships r ON r.id = c.relationship_id
  LEFT JOIN influencers i ON i.id = r.influencer_id
  LEFT JOIN brands b ON b.id = CASE n.subject_type WHEN 'brand' THEN n.subject_id ELSE r.brand_id END AND b.workspace_id = n.workspace_id
  LEFT JOIN LATERAL (
    SELECT u.name, u.email FROM users u JOIN members m ON m.user_id = u.id AND m.workspace_id = n.workspace_id
     WHERE u.id = r.owner_user_id OR u.id IN (SELECT bm.user_id FROM brand_managers bm WHERE bm.brand_id = r.brand_id)
     ORDER BY u.id IS NOT DISTINCT FROM r.owner_user_id DESC, lower(u.email) LIMIT 1
  ) o ON n.audience = 'influencer'`;

type Columns = Record<`t_${string}`, unknown>;

/** TemplateData from TEMPLATE_COLUMNS; undefined when the subject is gone. */
export function templateData(row: Pick<NotificationRow, 'subjectType'> & Columns): TemplateData | undefined {
  // An invitation, a payout, a portal sign-in or a webhook endpoint is not one of these subjects: its email
  // (libs/workspaces, libs/payouts, libs/portal, libs/events) reads its own.
  const others = { invitation: null, payout: null, portal_sign_in: null, webhook_endpoint: null };
  const subject = { contract: row.t_contractId, deliverable: row.t_deliverableId, brand: row.t_brandId, ...others }[row.subjectType];
  if (subject == null || row.t_brandId == null) return undefined;
  const brand = { id: row.t_brandId as string, name: row.t_brandName as string, timezone: row.t_brandTimezone as string };
  if (row.subjectType === 'brand') return { brand, influencer: null, contract: null, deliverable: null, contact: null };
  const contract = {
    id: row.t_contractId as string,
    relationshipId: row.t_relationshipId as string,
    termNumber: row.t_termNumber as number,
    startDate: row.t_startDate as string,
    endDate: row.t_endDate as string,
    currency: row.t_currency as string,
    retainerMonthly: row.t_retainerMonthly as string,
    feePerDeliverable: row.t_feePerDeliverable as string,
    autoRenew: row.t_autoRenew as boolean,
    renewalTermMonths: row.t_renewalTermMonths as number | null,
    noticeDeadline: row.t_noticeDeadline as string,
  };
  const deliverable =
    row.subjectType === 'deliverable'
      ? {
          id: row.t_deliverableId as string,
          type: row.t_type as string,
          platform: row.t_platform as string,
          dueDate: row.t_dueDate as string,
          status: row.t_status as string,
        }
      : null;
  return {
    brand,
    influencer: {
      id: row.t_influencerId as string,
      name: row.t_influencerName as string,
      email: (row.t_influencerEmail as string | null) ?? null,
    },
    contract,
    deliverable,
    contact: row.t_contactEmail == null ? null : { name: row.t_contactName as string, email: row.t_contactEmail as string },
  };
}
