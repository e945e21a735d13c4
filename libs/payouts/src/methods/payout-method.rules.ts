import { isBIC, isEmail, isIBAN } from 'class-validator';
import type { FieldError } from '@app/common';

export const PAYOUT_METHOD_KINDS = ['paypal', 'wise', 'bank_transfer', 'other'] as const;
export type PayoutMethodKind = (typeof PAYOUT_METHOD_KINDS)[number];

export const WISE_RECEIVER_TYPES = ['PRIVATE', 'BUSINESS'] as const;

/** Every detail a method may hold; which ones a kind needs is METHOD_FIELDS'. */
export interface PayoutMethodDetails {
  email?: string;
  accountHolderName?: string;
  receiverType?: (typeof WISE_RECEIVER_TYPES)[number];
  iban?: string;
  bic?: string;
  accountNumber?: string;
  bankCode?: string;
  instructions?: string;
}
type Field = keyof PayoutMethodDetails;

/** Required and optional details per kind; any other detail is refused, so nothing is stored that no one asked for. */
const METHOD_FIELDS: Record<PayoutMethodKind, { required: Field[]; optional: Field[] }> = {
  paypal: { required: ['email'], optional: [] },
  wise: { required: ['accountHolderName', 'email'], optional: ['receiverType'] },
  bank_transfer: { required: ['accountHolderName'], optional: ['iban', 'bic', 'accountNumber', 'bankCode'] },
  other: { required: ['instructions'], optional: [] },
};

const ACCOUNT_NUMBER = /^[0-9A-Za-z-]{4,34}$/;
const BANK_CODE = /^[0-9A-Za-z -]{2,20}$/;

/** The field errors of a method of `kind`; IBANs are checked with their mod-97 digits, emails and BICs by form. */
export function payoutMethodErrors(kind: PayoutMethodKind, details: PayoutMethodDetails): FieldError[] {
  const { required, optional } = METHOD_FIELDS[kind];
  const given = (Object.keys(details) as Field[]).filter((field) => details[field] !== undefined && details[field] !== null);
  const errors: FieldError[] = [
    ...required.filter((field) => !details[field]?.trim()).map((field) => ({ field, message: `is required for a ${kind} method` })),
    ...given
      .filter((field) => !required.includes(field) && !optional.includes(field))
      .map((field) => ({ field, message: `is not a detail of a ${kind} method` })),
  ];
  const { email, iban, bic, accountNumber, bankCode } = details;
  if (email !== undefined && given.includes('email') && !isEmail(email))
    errors.push({ field: 'email', message: 'must be an email address' });
  if (kind === 'bank_transfer') {
    if (!iban === !accountNumber) errors.push({ field: 'iban', message: 'give either an IBAN or an account number with its bank code' });
    if (iban && !isIBAN(compact(iban))) errors.push({ field: 'iban', message: 'is not a valid IBAN (country, check digits, length)' });
    if (bic && !isBIC(bic)) errors.push({ field: 'bic', message: 'must be a BIC of 8 or 11 characters' });
    if (accountNumber && !ACCOUNT_NUMBER.test(accountNumber))
      errors.push({ field: 'accountNumber', message: 'must be 4-34 letters or digits' });
    if (accountNumber && !bankCode)
      errors.push({ field: 'bankCode', message: 'is required with an account number (routing number, sort code...)' });
    if (bankCode && !BANK_CODE.test(bankCode)) errors.push({ field: 'bankCode', message: 'must be 2-20 letters or digits' });
  }
  return errors;
}

/** What is stored: trimmed, IBAN and BIC without spaces and upper-cased, only the kind's own fields. */
export function normaliseDetails(details: PayoutMethodDetails): PayoutMethodDetails {
  const out: PayoutMethodDetails = {};
  for (const [field, value] of Object.entries(details) as [Field, string | undefined][]) {
    if (value === undefined || value === null) continue;
    (out as Record<Field, string>)[field] = field === 'iban' || field === 'bic' ? compact(value) : value.trim();
  }
  if (out.email) out.email = out.email.toLowerCase();
  return out;
}

const compact = (value: string) => value.replace(/\s+/g, '').toUpperCase();

const tail = (value: string, keep: number) => `****${value.slice(-keep)}`;

/**
 * The details as anyone but an admin sees them, and as statements, emails and the audit log show them:
 * enough to recognise the account (the email's first letter and domain, the last four digits), never
 * enough to pay into it or to redirect payments. Names and BICs (public bank ids) stay.
 */
export function maskDetails(details: PayoutMethodDetails): PayoutMethodDetails {
  const masked: PayoutMethodDetails = { ...details };
  if (details.email) {
    const [local, domain] = details.email.split('@');
    masked.email = `${local.slice(0, 1)}***@${domain}`;
  }
  if (details.iban) masked.iban = `${details.iban.slice(0, 2)}${tail(details.iban, 4)}`;
  if (details.accountNumber) masked.accountNumber = tail(details.accountNumber, 4);
  if (details.bankCode) masked.bankCode = tail(details.bankCode, 2);
  if (details.instructions) masked.instructions = `[hidden: ${details.instructions.length} characters]`;
  return masked;
}

/**
 * One line for a statement, an email or an export: "PayPal a***@example.com", "Bank transfer FR****1234". Takes the
 * details as stored and masks them itself, so no caller can show a full account by passing them unmasked.
 */
export function describeMethod(kind: PayoutMethodKind, details: PayoutMethodDetails): string {
  const masked = maskDetails(details);
  const label = { paypal: 'PayPal', wise: 'Wise', bank_transfer: 'Bank transfer', other: 'Other' }[kind];
  const account = masked.email ?? masked.iban ?? masked.accountNumber ?? masked.instructions ?? '';
  return `${label} ${account}`.trim();
}
