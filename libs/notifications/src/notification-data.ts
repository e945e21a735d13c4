import { DataSource } from 'typeorm';
import { NotificationRow } from './notification-kinds';

/** What a template may show about the row's subject; loaded with one SQL statement per subject type. */
export interface TemplateData {
  brand: { id: string; name: string; timezone: string };
  influencer: { name: string; email: string | null } | null;
  contract: {
    id: string;
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
}

const CONTRACT = `c.id, c.term_number AS "termNumber", c.start_date::text AS "startDate", c.end_date::text AS "endDate", c.currency,
  c.retainer_monthly::text AS "retainerMonthly", c.fee_per_deliverable::text AS "feePerDeliverable", c.auto_renew AS "autoRenew",
  c.renewal_term_months AS "renewalTermMonths", (c.end_date - c.notice_period_days)::text AS "noticeDeadline"`;
const PARTIES = `b.id AS "brandId", b.name AS "brandName", b.timezone AS "brandTimezone", i.name AS "influencerName", i.email AS "influencerEmail"`;
const JOINS = `JOIN relationships r ON r.id = c.relationship_id JOIN brands b ON b.id = r.brand_id JOIN influencers i ON i.id = r.influencer_id`;

type Raw = Record<string, unknown>;

const pick = (row: Raw, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));
const CONTRACT_KEYS = ['id', 'termNumber', 'startDate', 'endDate', 'currency', 'retainerMonthly', 'feePerDeliverable', 'autoRenew', 'renewalTermMonths', 'noticeDeadline'];

function parties(row: Raw): Pick<TemplateData, 'brand' | 'influencer'> {
  return {
    brand: { id: row.brandId as string, name: row.brandName as string, timezone: row.brandTimezone as string },
    influencer: { name: row.influencerName as string, email: (row.influencerEmail as string | null) ?? null },
  };
}

/** The subject's data within the row's workspace; undefined when the subject is gone. */
export async function loadTemplateData(db: DataSource, row: Pick<NotificationRow, 'workspaceId' | 'subjectType' | 'subjectId'>): Promise<TemplateData | undefined> {
  const params = [row.subjectId, row.workspaceId];
  if (row.subjectType === 'contract') {
    const [found] = (await db.query(`SELECT ${CONTRACT}, ${PARTIES} FROM contracts c ${JOINS} WHERE c.id = $1 AND c.workspace_id = $2`, params)) as Raw[];
    return found && { ...parties(found), contract: pick(found, CONTRACT_KEYS) as TemplateData['contract'], deliverable: null };
  }
  if (row.subjectType === 'deliverable') {
    const [found] = (await db.query(
      `SELECT ${CONTRACT}, ${PARTIES}, d.id AS "deliverableId", d.type, d.platform, d.due_date::text AS "dueDate", d.status
         FROM deliverables d JOIN contracts c ON c.id = d.contract_id ${JOINS} WHERE d.id = $1 AND d.workspace_id = $2`,
      params,
    )) as Raw[];
    if (!found) return undefined;
    const deliverable = { id: found.deliverableId as string, type: found.type as string, platform: found.platform as string, dueDate: found.dueDate as string, status: found.status as string };
    return { ...parties(found), contract: pick(found, CONTRACT_KEYS) as TemplateData['contract'], deliverable };
  }
  const [brand] = (await db.query(`SELECT id, name, timezone FROM brands WHERE id = $1 AND workspace_id = $2`, params)) as TemplateData['brand'][];
  return brand && { brand, influencer: null, contract: null, deliverable: null };
}
