import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestContext } from '@app/common';
import { InfluencersService } from '@app/influencers';
import { IN_LIVE_PAYOUT, PAYABLE_KINDS_SQL } from '../runs/payout-run.sql';

/** Exact sums (numeric, 4 decimals) per currency; the API rounds them for display. */
export interface PayoutBalance {
  currency: string;
  /** Every payable entry ever. */
  payable: string;
  paid: string;
  /** In draft or approved payouts. */
  inOpenPayouts: string;
  /** In no live payout: owed when positive, a carried negative (clawback) when negative. */
  unpaid: string;
}

/** Where a page of the owed list ends. */
export interface OwedKey {
  influencerName: string;
  influencerId: string;
  currency: string;
}

export interface OwedRow extends PayoutBalance {
  influencerId: string;
  influencerName: string;
}

/**
 * paid + in open payouts + unpaid = payable, per payee and currency, to the 0.0001 (payouts' amounts are
 * the sums of their linked entries): paid and open come from the payouts, unpaid and payable from the ledger.
 */
const BALANCES = (oneInfluencer: boolean) => `
  WITH ledger AS (
    SELECT r.influencer_id, e.currency, sum(e.amount) AS payable,
           coalesce(sum(e.amount) FILTER (WHERE NOT ${IN_LIVE_PAYOUT('e')}), 0) AS unpaid
    FROM cost_entries e JOIN relationships r ON r.id = e.relationship_id
    WHERE e.workspace_id = $1 AND e.kind IN (${PAYABLE_KINDS_SQL}) ${oneInfluencer ? 'AND r.influencer_id = $2' : ''}
    GROUP BY r.influencer_id, e.currency
  ), paid AS (
    SELECT influencer_id, currency, coalesce(sum(amount) FILTER (WHERE status = 'paid'), 0) AS paid,
           coalesce(sum(amount) FILTER (WHERE status IN ('draft', 'approved')), 0) AS open
    FROM payouts p WHERE p.workspace_id = $1 ${oneInfluencer ? 'AND p.influencer_id = $2' : ''}
    GROUP BY influencer_id, currency
  )
  SELECT l.influencer_id AS "influencerId", i.name AS "influencerName", l.currency, l.payable::text AS payable,
         coalesce(p.paid, 0)::text AS paid, coalesce(p.open, 0)::text AS "inOpenPayouts", l.unpaid::text AS unpaid
  FROM ledger l JOIN influencers i ON i.id = l.influencer_id
  LEFT JOIN paid p ON p.influencer_id = l.influencer_id AND p.currency = l.currency`;

@Injectable()
export class PayoutBalancesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly influencers: InfluencersService,
  ) {}

  /** GET /v1/influencers/:id/balance: one row per currency the influencer earned in. */
  async forInfluencer(influencerId: string): Promise<PayoutBalance[]> {
    await this.influencers.get(influencerId);
    const rows = (await this.dataSource.query(`${BALANCES(true)} ORDER BY l.currency`, [
      RequestContext.workspaceId(),
      influencerId,
    ])) as OwedRow[];
    return rows.map(({ currency, payable, paid, inOpenPayouts, unpaid }) => ({ currency, payable, paid, inOpenPayouts, unpaid }));
  }

  /**
   * The workspace view: every payee and currency with something unpaid (owed, or a negative carried), by name as a
   * manager looks one up, keyset on (name, influencer id, currency) after `after`; limit + 1 rows tell whether more exist.
   */
  async unpaid(currency: string | undefined, limit: number, after?: OwedKey): Promise<OwedRow[]> {
    return this.dataSource.query(
      `${BALANCES(false)} WHERE l.unpaid <> 0 AND ($2::text IS NULL OR l.currency = $2)
         AND ($3::uuid IS NULL OR (i.name, l.influencer_id, l.currency::text) > ($4::text, $3::uuid, $5::text))
       ORDER BY i.name, l.influencer_id, l.currency LIMIT $6`,
      [
        RequestContext.workspaceId(),
        currency ?? null,
        after?.influencerId ?? null,
        after?.influencerName ?? null,
        after?.currency ?? null,
        limit + 1,
      ],
    );
  }
}
