import { EntityManager } from 'typeorm';
import { FieldError, futureError, moneyErrors, RequestContext, ValidationException } from '@app/common';
import { PLATFORMS } from '@app/influencers';
import { DELIVERABLE_TYPES } from './plan';

const MONEY = /^\d{1,15}(\.\d{1,4})?$/;

/** What the deliverable rules need of its contract; read with SQL so this context does not depend on the contracts module. */
export interface ContractTerm {
  startDate: string;
  endDate: string;
  currency: string;
  influencerId: string;
  /** The brand's: in which the deliverable's dates (due, published) are read. */
  timezone: string;
}

export async function readContractTerm(manager: EntityManager, contractId: string): Promise<ContractTerm> {
  const rows: ContractTerm[] = await manager.query(
    `SELECT c.start_date::text AS "startDate", c.end_date::text AS "endDate", c.currency, r.influencer_id AS "influencerId", b.timezone
       FROM contracts c JOIN relationships r ON r.id = c.relationship_id JOIN brands b ON b.id = r.brand_id WHERE c.id = $1 AND c.workspace_id = $2`,
    [contractId, RequestContext.workspaceId()],
  );
  if (!rows[0]) throw new Error(`Contract ${contractId} of deliverable not found in its workspace`);
  return rows[0];
}

export interface DeliverableFields {
  type?: string;
  platform?: string;
  dueDate?: string;
  fee?: string;
  socialAccountId?: string | null;
}

/**
 * Rules that need the contract: the due date inside the term (end inclusive), the fee in the contract's
 * currency, and a linked account that belongs to the influencer, on the deliverable's platform.
 * `current` fills what a partial update leaves unchanged.
 */
export async function checkDeliverableFields(
  manager: EntityManager,
  term: ContractTerm,
  fields: DeliverableFields,
  current: { platform?: string; socialAccountId?: string | null } = {},
): Promise<void> {
  const errors: FieldError[] = [];
  if (fields.type !== undefined && !(DELIVERABLE_TYPES as readonly string[]).includes(fields.type))
    errors.push({ field: 'type', message: `must be one of ${DELIVERABLE_TYPES.join(', ')}` });
  if (fields.platform !== undefined && !(PLATFORMS as readonly string[]).includes(fields.platform))
    errors.push({ field: 'platform', message: `must be one of ${PLATFORMS.join(', ')}` });
  if (
    fields.dueDate !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(fields.dueDate) || fields.dueDate < term.startDate || fields.dueDate > term.endDate)
  ) {
    errors.push({ field: 'dueDate', message: `must be within the contract term ${term.startDate} to ${term.endDate}` });
  }
  if (fields.fee !== undefined && !MONEY.test(fields.fee))
    errors.push({ field: 'fee', message: 'must be a non-negative decimal string such as "150.00"' });
  errors.push(...moneyErrors({ fee: fields.fee }, term.currency));
  // A platform change must still match an account linked earlier, so check whenever either moves.
  const accountId = fields.socialAccountId !== undefined ? fields.socialAccountId : current.socialAccountId;
  if (accountId && (fields.socialAccountId !== undefined || fields.platform !== undefined)) {
    const field = fields.socialAccountId !== undefined ? 'socialAccountId' : 'platform';
    const platform = fields.platform ?? current.platform;
    const [account] = await manager.query(
      `SELECT platform FROM social_accounts WHERE id = $1 AND workspace_id = $2 AND influencer_id = $3`,
      [accountId, RequestContext.workspaceId(), term.influencerId],
    );
    if (!account) errors.push({ field, message: "must be one of the influencer's social accounts" });
    else if (account.platform !== platform)
      errors.push({ field, message: `the linked account is on ${account.platform} but the deliverable is on ${platform}` });
  }
  if (errors.length) throw new ValidationException(errors);
}

export function notInFuture(field: string, at: Date, now: Date): void {
  const error = futureError(field, at, now);
  if (error) throw new ValidationException([error]);
}
