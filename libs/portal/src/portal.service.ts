import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currencyMinorUnits, NotFoundException, RequestContext } from '@app/common';
import { commissionSql } from '@app/costs';
import { AcceptTerms, canonicalTerms, CanonicalTerms, ContractRecord, ContractsService, termsSha256 } from '@app/contracts';
import { DeliverableRecord, DeliverablesService, DeliverableWorkflow } from '@app/deliverables';
import { presentMoney } from '@app/rollups';

export interface PortalMe {
  influencer: { id: string; name: string; email: string | null };
  workspace: { id: string; name: string };
}

export interface PortalRelationship {
  id: string;
  status: string;
  brand: { id: string; name: string; currency: string; timezone: string };
  contact: { name: string; email: string } | null;
}

export interface PortalTerms {
  contract: ContractRecord;
  terms: CanonicalTerms;
  termsSha256: string;
}

export interface PortalCode {
  id: string;
  relationshipId: string;
  brandName: string;
  kind: 'code' | 'link';
  code: string;
  destinationUrl: string | null;
  validFrom: Date | null;
  validTo: Date | null;
}

export interface PortalEarningsMonth {
  relationshipId: string;
  brandName: string;
  currency: string;
  month: string;
  retainer: string;
  fees: string;
  commissionPending: string;
  commissionApproved: string;
  refunds: string;
}

/** A pending sale's commission as its approval will compute it: on the net amount less what was refunded so far. */
const PENDING_COMMISSION = commissionSql(
  'c.net_amount - coalesce((SELECT sum(v.amount) FROM conversion_reversals v WHERE v.conversion_id = c.id), 0)',
  'c.commission_rate',
);

/** An exact sum (storage scale), presented in TypeScript in the currency's minor units (presentMoney). */
const money = (sql: string) => `coalesce(${sql}, 0)::text`;

const EARNED = ['retainer', 'fees', 'commissionPending', 'commissionApproved', 'refunds'] as const;

/**
 * What an ambassador reads and does in the portal: only their own (the actor's influencerId); anyone else's
 * id answers 404 like another workspace's. Writes go through the contexts' own use cases, so the rules, the
 * activity log (with the ambassador as actor) and the domain events are theirs.
 */
@Injectable()
export class PortalService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contractsService: ContractsService,
    private readonly acceptTerms: AcceptTerms,
    private readonly deliverables: DeliverablesService,
    private readonly workflow: DeliverableWorkflow,
  ) {}

  private ambassador(): { workspaceId: string; influencerId: string } {
    const { workspaceId, influencerId } = RequestContext.actor();
    if (!influencerId) throw new Error('PortalService outside a portal session');
    return { workspaceId, influencerId };
  }

  async me(): Promise<PortalMe> {
    const { workspaceId, influencerId } = this.ambassador();
    const [row]: { id: string; name: string; email: string | null; workspaceName: string }[] = await this.db.query(
      `SELECT i.id, i.name, i.email, w.name AS "workspaceName" FROM influencers i JOIN workspaces w ON w.id = i.workspace_id WHERE i.id = $1 AND i.workspace_id = $2`,
      [influencerId, workspaceId],
    );
    if (!row) throw new NotFoundException('Influencer', influencerId);
    return { influencer: { id: row.id, name: row.name, email: row.email }, workspace: { id: workspaceId, name: row.workspaceName } };
  }

  relationships(): Promise<PortalRelationship[]> {
    const { workspaceId, influencerId } = this.ambassador();
    return this.db.query(
      `SELECT r.id, r.status, json_build_object('id', b.id, 'name', b.name, 'currency', b.currency, 'timezone', b.timezone) AS brand,
              (SELECT json_build_object('name', u.name, 'email', u.email) FROM users u WHERE u.id = r.owner_user_id) AS contact
         FROM relationships r JOIN brands b ON b.id = r.brand_id
        WHERE r.workspace_id = $1 AND r.influencer_id = $2 ORDER BY b.name, r.id`,
      [workspaceId, influencerId],
    );
  }

  /** Every term but cancelled drafts, newest first. */
  async contracts(): Promise<ContractRecord[]> {
    const list = await this.contractsService.list({ influencerId: this.ambassador().influencerId }, 200);
    return list.filter((c) => c.status !== 'cancelled').reverse();
  }

  async terms(contractId: string): Promise<PortalTerms> {
    const contract = await this.ownContract(contractId);
    const terms = canonicalTerms(contract);
    return { contract, terms, termsSha256: termsSha256(terms) };
  }

  async accept(contractId: string, input: { fullName: string; termsSha256: string; ip: string | null; userAgent: string | null }) {
    await this.ownContract(contractId);
    await this.acceptTerms.execute(contractId, input);
    return this.terms(contractId);
  }

  async deliverablesList(): Promise<DeliverableRecord[]> {
    return this.deliverables.list({ influencerId: this.ambassador().influencerId }, 200);
  }

  deliverable(id: string): Promise<DeliverableRecord> {
    return this.ownDeliverable(id);
  }

  async submit(id: string, input: { contentUrl: string; caption?: string | null }): Promise<DeliverableRecord> {
    await this.ownDeliverable(id);
    return this.workflow.submit(id, input);
  }

  async addPostUrl(id: string, postUrl: string): Promise<DeliverableRecord> {
    const { workspaceId } = this.ambassador();
    await this.ownDeliverable(id);
    const [workspace]: { publish: boolean }[] = await this.db.query('SELECT ambassadors_publish AS publish FROM workspaces WHERE id = $1', [
      workspaceId,
    ]);
    return this.workflow.addPostUrl(id, postUrl, Boolean(workspace?.publish));
  }

  codes(): Promise<PortalCode[]> {
    const { workspaceId, influencerId } = this.ambassador();
    return this.db.query(
      `SELECT t.id, t.relationship_id AS "relationshipId", b.name AS "brandName", t.kind, t.code, t.destination_url AS "destinationUrl",
              t.valid_from AS "validFrom", t.valid_to AS "validTo"
         FROM tracking_codes t JOIN relationships r ON r.id = t.relationship_id JOIN brands b ON b.id = r.brand_id
        WHERE t.workspace_id = $1 AND r.influencer_id = $2 AND t.deleted_at IS NULL ORDER BY b.name, t.code`,
      [workspaceId, influencerId],
    );
  }

  /**
   * Per relationship and calendar month of the brand: the retainer accrued, deliverable fees and approved
   * commission from the cost ledger; commission still pending (less refunds so far) and refunded sales from the
   * conversion ledger.
   */
  /** Per month, in each brand's currency's minor units, half-even as every figure shown (5000 JPY, 12.345 KWD). */
  async earnings(): Promise<PortalEarningsMonth[]> {
    const { workspaceId, influencerId } = this.ambassador();
    const months = (await this.db.query(
      `WITH mine AS (
         SELECT r.id, b.name, b.currency, b.timezone FROM relationships r JOIN brands b ON b.id = r.brand_id
          WHERE r.workspace_id = $1 AND r.influencer_id = $2),
       lines AS (
         SELECT ce.relationship_id, to_char(ce.incurred_on, 'YYYY-MM') AS month,
                CASE ce.kind WHEN 'retainer' THEN ce.amount END AS retainer, CASE ce.kind WHEN 'deliverable_fee' THEN ce.amount END AS fees,
                CASE ce.kind WHEN 'commission' THEN ce.amount END AS approved, NULL::numeric AS pending, NULL::numeric AS refunds
           FROM cost_entries ce JOIN mine ON mine.id = ce.relationship_id WHERE ce.workspace_id = $1
         UNION ALL
         SELECT c.relationship_id, to_char(c.occurred_at AT TIME ZONE mine.timezone, 'YYYY-MM'), NULL, NULL, NULL, ${PENDING_COMMISSION}, NULL
           FROM conversions c JOIN mine ON mine.id = c.relationship_id WHERE c.workspace_id = $1 AND c.status = 'pending'
         UNION ALL
         SELECT c.relationship_id, to_char(cr.occurred_at AT TIME ZONE mine.timezone, 'YYYY-MM'), NULL, NULL, NULL, NULL, cr.amount
           FROM conversion_reversals cr JOIN conversions c ON c.id = cr.conversion_id JOIN mine ON mine.id = c.relationship_id
          WHERE cr.workspace_id = $1)
       SELECT l.relationship_id AS "relationshipId", mine.name AS "brandName", mine.currency, l.month,
              ${money('sum(l.retainer)')} AS retainer, ${money('sum(l.fees)')} AS fees, ${money('sum(l.pending)')} AS "commissionPending",
              ${money('sum(l.approved)')} AS "commissionApproved", ${money('sum(l.refunds)')} AS refunds
         FROM lines l JOIN mine ON mine.id = l.relationship_id
        GROUP BY l.relationship_id, mine.name, mine.currency, l.month ORDER BY l.month DESC, mine.name`,
      [workspaceId, influencerId],
    )) as PortalEarningsMonth[];
    return months.map((m) => {
      const digits = currencyMinorUnits(m.currency.trim());
      return { ...m, ...Object.fromEntries(EARNED.map((field) => [field, presentMoney(m[field], digits)])) };
    });
  }

  private async ownContract(id: string): Promise<ContractRecord> {
    const contract = await this.contractsService.get(id);
    if (contract.influencerId !== this.ambassador().influencerId) throw new NotFoundException('Contract', id);
    return contract;
  }

  private async ownDeliverable(id: string): Promise<DeliverableRecord> {
    const deliverable = await this.deliverables.get(id);
    if (deliverable.influencerId !== this.ambassador().influencerId) throw new NotFoundException('Deliverable', id);
    return deliverable;
  }
}
