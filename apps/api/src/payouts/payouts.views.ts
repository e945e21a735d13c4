import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { currencyMinorUnits, roundTo } from '@app/common';
import {
  PAYOUT_METHOD_KINDS,
  PAYOUT_STATUSES,
  Payout,
  PayoutBalance,
  PayoutMethodDetails,
  PayoutMethodKind,
  PayoutMethodRecord,
  PayoutRun,
  PayoutStatementData,
  PayoutWithPayee,
  PayoutStatus,
  statementKindLabel,
} from '@app/payouts';

/** Money with the currency's minor units, half-even (domain.md: rounding only at presentation). */
export const money = (value: string, currency: string) => roundTo(value, currencyMinorUnits(currency.trim()));

export class PayoutMethodDetailsView {
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() accountHolderName?: string;
  @ApiPropertyOptional() receiverType?: string;
  @ApiPropertyOptional() iban?: string;
  @ApiPropertyOptional() bic?: string;
  @ApiPropertyOptional() accountNumber?: string;
  @ApiPropertyOptional() bankCode?: string;
  @ApiPropertyOptional() instructions?: string;
}

export class PayoutMethodView {
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty({ enum: PAYOUT_METHOD_KINDS }) kind: PayoutMethodKind;
  @ApiProperty({ type: PayoutMethodDetailsView, description: 'Masked (a***@example.com, FR****2606) except to admins' })
  details: PayoutMethodDetails;
  @ApiProperty({ description: 'true only in an admin’s answer' }) unmasked: boolean;
  @ApiProperty() updatedAt: Date;
}

export const toPayoutMethodView = (record: PayoutMethodRecord): PayoutMethodView => record;

export class PayoutSettingsView {
  @ApiProperty({ example: '50.00', description: "Smallest payout, in units of each payout's currency" }) minimum: string;
}

export class BalanceView {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '120.00', description: 'Unpaid and positive: what the next run may pay (0 when carried negative)' }) owed: string;
  @ApiProperty({ example: '0.00', description: 'In draft or approved payouts' }) inOpenPayouts: string;
  @ApiProperty({ example: '950.00' }) paidToDate: string;
  @ApiProperty({ example: '0.00', description: 'Unpaid and negative (a clawback larger than new earnings), carried to the next run' })
  carriedNegative: string;
  @ApiProperty({ example: '120.00', description: 'In no live payout, signed: owed + carriedNegative' }) unpaid: string;
  @ApiProperty({ example: '1070.00', description: 'Every payable entry: paidToDate + inOpenPayouts + unpaid' }) payable: string;
}

export class InfluencerBalanceView {
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty({ type: [BalanceView] }) balances: BalanceView[];
}

export class OwedBalanceView extends BalanceView {
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty() influencerName: string;
}

export class OwedBalanceList {
  @ApiProperty({ type: [OwedBalanceView] }) data: OwedBalanceView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export function toBalanceView({ currency, payable, paid, inOpenPayouts, unpaid }: PayoutBalance): BalanceView {
  const negative = unpaid.startsWith('-');
  const zero = money('0', currency);
  return {
    currency: currency.trim(),
    owed: negative ? zero : money(unpaid, currency),
    inOpenPayouts: money(inOpenPayouts, currency),
    paidToDate: money(paid, currency),
    carriedNegative: negative ? money(unpaid, currency) : zero,
    unpaid: money(unpaid, currency),
    payable: money(payable, currency),
  };
}

export class PayoutView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1250.00' }) amount: string;
  @ApiProperty({ enum: PAYOUT_STATUSES }) status: PayoutStatus;
  @ApiProperty({ type: Date, nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) paidAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed or was cancelled' }) failureReason: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** A payout in a list, with who is paid beside the id (read in the list's statement). */
export class PayoutListItemView extends PayoutView {
  @ApiProperty() influencerName: string;
}

export class PayoutList {
  @ApiProperty({ type: [PayoutListItemView] }) data: PayoutListItemView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const toPayoutView = (p: Payout): PayoutView => ({
  id: p.id,
  runId: p.runId,
  influencerId: p.influencerId,
  currency: p.currency.trim(),
  amount: money(p.amount, p.currency),
  status: p.status,
  approvedAt: p.approvedAt,
  paidAt: p.paidAt,
  reference: p.reference,
  failureReason: p.failureReason,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const toPayoutListItemView = (p: PayoutWithPayee): PayoutListItemView => ({ ...toPayoutView(p), influencerName: p.influencerName });

export class RunTotalView {
  @ApiProperty({ enum: PAYOUT_STATUSES }) status: PayoutStatus;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty() payouts: number;
  @ApiProperty({ example: '5400.00' }) amount: string;
}

export class PayoutRunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) brandId: string | null;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ example: '50.00', description: 'The minimum the run applied, in units of each currency' }) minimum: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdByUserId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: [RunTotalView], description: 'Payouts per status and currency (single-run answers)' })
  totals?: RunTotalView[];
}

export class PayoutRunList {
  @ApiProperty({ type: [PayoutRunView] }) data: PayoutRunView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const toPayoutRunView = (run: PayoutRun, totals?: RunTotalView[]): PayoutRunView => ({
  id: run.id,
  brandId: run.brandId,
  periodEnd: run.periodEnd,
  minimum: roundTo(run.minimum, 2),
  createdByUserId: run.createdByUserId,
  createdAt: run.createdAt,
  ...(totals && { totals: totals.map((t) => ({ ...t, currency: t.currency.trim(), amount: money(t.amount, t.currency) })) }),
});

export class RunActionResultView {
  @ApiProperty({ description: 'Payouts of the run the action changed' }) changed: number;
  @ApiProperty({ type: PayoutRunView }) run: PayoutRunView;
}

export class StatementLineView {
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty() brandName: string;
  @ApiProperty({ example: 'retainer' }) kind: string;
  @ApiProperty({ example: 'Retainer', description: 'The kind as the printable statement and its email write it' }) label: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty() entries: number;
  @ApiProperty({ example: '1000.00' }) amount: string;
}

export class PayoutStatementView {
  @ApiProperty({ format: 'uuid' }) payoutId: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ enum: PAYOUT_STATUSES }) status: PayoutStatus;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ type: Date, nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) paidAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: "The payment's reference, once paid" }) reference: string | null;
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty() payeeName: string;
  @ApiProperty({ type: String, nullable: true, example: 'PayPal a***@example.com', description: 'Always masked' }) method: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) previousPeriodEnd: string | null;
  @ApiProperty({ example: '-40.00', description: 'Carried from earlier periods (under the minimum, negative, or released)' })
  openingBalance: string;
  @ApiProperty({ type: [StatementLineView] }) lines: StatementLineView[];
  @ApiProperty({ example: '1210.00', description: 'openingBalance + the lines: the payout’s amount' }) total: string;
}

export const toStatementView = (s: PayoutStatementData): PayoutStatementView => ({
  payoutId: s.payoutId,
  runId: s.runId,
  status: s.status,
  currency: s.currency,
  periodEnd: s.periodEnd,
  approvedAt: s.approvedAt,
  paidAt: s.paidAt,
  reference: s.reference,
  influencerId: s.payee.influencerId,
  payeeName: s.payee.name,
  method: s.method,
  previousPeriodEnd: s.previousPeriodEnd,
  openingBalance: money(s.openingBalance, s.currency),
  lines: s.lines.map((line) => ({ ...line, label: statementKindLabel(line.kind), amount: money(line.amount, s.currency) })),
  total: money(s.total, s.currency),
});
