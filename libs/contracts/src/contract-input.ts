import { FieldError, moneyErrors, ValidationException } from '@app/common';
import { type PlanItem, plannedCount } from '@app/deliverables';
import type { Contract } from './contract.entity';
import { addDays, endAfterMonths } from './contract-dates';

/** Bounds on what one request can make the API generate: activation writes every planned deliverable of the term. */
export const MAX_TERM_YEARS = 10;
export const MAX_DELIVERABLES_PER_TERM = 1_000;

export interface Exclusivity {
  category: string;
  /** YYYY-MM-DD */
  until: string;
}

/** What create, PATCH and renew overrides share: the terms of the deal, without dates. */
export interface ContractTerms {
  /** Money as decimal strings in the brand's currency. */
  retainerMonthly?: string;
  feePerDeliverable?: string;
  giftingBudget?: string;
  /** Percent 0–100. */
  commissionRate?: string;
  deliverablePlan?: PlanItem[];
  autoRenew?: boolean;
  renewalTermMonths?: number | null;
  noticePeriodDays?: number;
  reminderDaysBefore?: number[];
  exclusivity?: Exclusivity | null;
  usageRightsUntil?: string | null;
  notes?: string | null;
}

export interface ContractDates {
  startDate: string;
  endDate: string;
}

export interface ContractInput extends ContractTerms, ContractDates {
  relationshipId: string;
}

export type ContractChanges = ContractTerms & Partial<ContractDates>;

/** The columns a renewal copies from the term it follows (not dates, status or lifecycle stamps). */
export const TERM_COLUMNS = [
  'retainerMonthly',
  'feePerDeliverable',
  'commissionRate',
  'giftingBudget',
  'deliverablePlan',
  'autoRenew',
  'renewalTermMonths',
  'noticePeriodDays',
  'reminderDaysBefore',
  'exclusivityCategory',
  'exclusivityUntil',
  'usageRightsUntil',
  'notes',
] as const satisfies readonly (keyof Contract)[];

export type ContractColumns = Partial<Contract>;

/** Input to columns: exclusivity spans two; what was not sent stays out, so a PATCH applies only what it got. */
export function toColumns(input: ContractChanges | ContractInput): ContractColumns {
  const { exclusivity, ...rest } = input;
  const columns: ContractColumns = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  if (exclusivity !== undefined)
    Object.assign(columns, { exclusivityCategory: exclusivity?.category ?? null, exclusivityUntil: exclusivity?.until ?? null });
  return columns;
}

export function copyTerms(contract: Contract): ContractColumns {
  return Object.fromEntries(TERM_COLUMNS.map((column) => [column, contract[column]]));
}

/**
 * Rules across fields and against the currency, on the contract as it would be after the change:
 * 400 naming the field. `sent` holds the columns the request gave; `prefix` names nested fields
 * (renew's `overrides.`).
 */
export function checkContract(contract: ContractColumns & ContractDates, sent: ContractColumns, currency: string, prefix = ''): void {
  const { retainerMonthly, feePerDeliverable, giftingBudget } = sent;
  const errors: FieldError[] = moneyErrors({ retainerMonthly, feePerDeliverable, giftingBudget }, currency).map((e) => ({
    ...e,
    field: prefix + e.field,
  }));
  if (contract.endDate <= contract.startDate)
    errors.push({ field: 'endDate', message: `must be after the start date ${contract.startDate}` });
  else if (contract.endDate > endAfterMonths(contract.startDate, 12 * MAX_TERM_YEARS))
    errors.push({
      field: 'endDate',
      message: `must be at most ${MAX_TERM_YEARS} years after the start date, on or before ${endAfterMonths(contract.startDate, 12 * MAX_TERM_YEARS)}`,
    });
  else errors.push(...planErrors(contract, prefix));
  if (contract.autoRenew && !contract.renewalTermMonths)
    errors.push({ field: `${prefix}renewalTermMonths`, message: 'is required when autoRenew is true' });
  if (errors.length) throw new ValidationException(errors);
}

/**
 * The plan may generate at most MAX_DELIVERABLES_PER_TERM in this term and, when it renews by itself,
 * in a renewal of renewalTermMonths (a rollover copies the plan without a request to refuse).
 */
function planErrors(contract: ContractColumns & ContractDates, prefix: string): FieldError[] {
  const plan = contract.deliverablePlan ?? [];
  const terms = [{ startDate: contract.startDate, endDate: contract.endDate }];
  if (contract.autoRenew && contract.renewalTermMonths) {
    const next = addDays(contract.endDate, 1);
    terms.push({ startDate: next, endDate: endAfterMonths(next, contract.renewalTermMonths) });
  }
  const most = Math.max(...terms.map((term) => plannedCount(plan, term.startDate, term.endDate)));
  if (most <= MAX_DELIVERABLES_PER_TERM) return [];
  const message = `would generate ${most} deliverables in a term; at most ${MAX_DELIVERABLES_PER_TERM} are allowed (lower the quantities or shorten the term)`;
  return [{ field: `${prefix}deliverablePlan`, message }];
}
