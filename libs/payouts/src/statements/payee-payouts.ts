import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundException } from '@app/common';
import { describeMethod, PayoutMethodDetails, PayoutMethodKind } from '../methods/payout-method.rules';
import type { PayoutStatus } from '../runs/payout-transitions';
import { PayoutStatementData, PayoutStatements } from './payout-statement';

/**
 * What a payee is shown of their payouts (the portal): approved ones (they were emailed), paid ones, and failed
 * ones (an approval email went out, then the payment did not: its amount goes back to the next run). A draft may
 * still change or be cancelled, and a cancelled one was never going to be paid as it stood: both stay the brand's.
 */
export const PAYEE_VISIBLE_STATUSES: readonly PayoutStatus[] = ['approved', 'paid', 'failed'];

export interface PayeePayout {
  id: string;
  status: PayoutStatus;
  currency: string;
  /** Exact numeric string (whole minor units by construction). */
  total: string;
  periodEnd: string;
  approvedAt: Date | null;
  paidAt: Date | null;
  reference: string | null;
}

export interface PayeePayoutList {
  payouts: PayeePayout[];
  /** The payee's method on file, masked ("PayPal a***@example.com"); null without one. */
  method: string | null;
}

/** A payee's own payouts and statements, for the payee: another payee's, or a payout they are not shown, is "not found". */
@Injectable()
export class PayeePayouts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: PayoutStatements,
  ) {}

  /** Newest period first (then newest run), every currency. */
  async list(workspaceId: string, influencerId: string): Promise<PayeePayoutList> {
    const payouts = (await this.dataSource.query(
      `SELECT p.id, p.status, trim(p.currency) AS currency, p.amount::text AS total, r.period_end::text AS "periodEnd",
              p.approved_at AS "approvedAt", p.paid_at AS "paidAt", p.reference
         FROM payouts p JOIN payout_runs r ON r.id = p.run_id
        WHERE p.workspace_id = $1 AND p.influencer_id = $2 AND p.status = ANY($3)
        ORDER BY r.period_end DESC, r.created_at DESC, p.currency`,
      [workspaceId, influencerId, PAYEE_VISIBLE_STATUSES],
    )) as PayeePayout[];
    const [method] = (await this.dataSource.query(
      `SELECT kind, details FROM payout_methods WHERE workspace_id = $1 AND influencer_id = $2`,
      [workspaceId, influencerId],
    )) as { kind: PayoutMethodKind; details: PayoutMethodDetails }[];
    return { payouts, method: method ? describeMethod(method.kind, method.details) : null };
  }

  /** The statement of one of the payee's shown payouts (the method masked, as in every statement). */
  async statement(workspaceId: string, influencerId: string, payoutId: string): Promise<PayoutStatementData> {
    const statement = await this.statements.build(workspaceId, payoutId);
    if (statement.payee.influencerId !== influencerId || !PAYEE_VISIBLE_STATUSES.includes(statement.status))
      throw new NotFoundException('Payout', payoutId);
    return statement;
  }
}
