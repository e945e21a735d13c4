import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppException, ConflictException, ValidationException } from './app.exception';

/** Constraint names are the contract between the schema and the messages users read. */
const uniqueMessages: Record<string, { field: string; message: string }> = {
  uq_users_email: { field: 'email', message: 'is already registered' },
  uq_brands_workspace_name: { field: 'name', message: 'a brand with this name already exists' },
  uq_influencers_workspace_email: { field: 'email', message: 'an influencer with this email already exists' },
  uq_social_accounts_workspace_platform_handle: {
    field: 'socialAccounts',
    message: 'this platform handle already belongs to an influencer',
  },
  uq_members_workspace_user: { field: 'email', message: 'is already a member of this workspace' },
  uq_invitations_pending_email: {
    field: 'email',
    message: 'already has a pending invitation to this workspace; revoke it to send a new one',
  },
  uq_tracking_codes_workspace_code: { field: 'code', message: 'is already in use in this workspace (codes and links ignore case)' },
  // The services check these under a row lock first and answer with more detail; these are the backstops.
  uq_relationships_brand_influencer: { field: 'influencerId', message: 'already has a relationship with this brand' },
  uq_contracts_one_active: { field: 'status', message: 'another contract of this relationship is active' },
  uq_contracts_previous: { field: 'previousContractId', message: 'this contract was already renewed' },
  uq_contracts_relationship_term: { field: 'termNumber', message: 'another contract of this relationship has this term number' },
};

/** Socket errors of a server that is not there (stopped, restarting, unreachable). */
const UNREACHABLE_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'];
/** What pg says of a connection the server closed under it, without a code. */
const DROPPED = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i;

/**
 * PostgreSQL down or restarting: class 08 (connection exception), 57P01-57P03 (terminated by a shutdown,
 * crash shutdown, cannot connect now: starting up or shutting down), or the socket errors above, on the
 * error itself or on the driver error TypeORM wraps. Not the request's fault and gone once it is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code) || UNREACHABLE_CODES.includes(code)))
    return true;
  return typeof message === 'string' && DROPPED.test(message);
}

/** Maps PostgreSQL constraint violations that reach the filter to 4xx answers, and an unreachable database to 503, instead of 500s. */
export function translateDatabaseError(error: unknown): AppException | undefined {
  if (isDatabaseUnavailable(error))
    return new AppException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'DATABASE_UNAVAILABLE',
      'The database is not reachable; retry in a few seconds',
    );
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string; detail?: string };
  if (driverError.code === '23505') {
    const known = driverError.constraint ? uniqueMessages[driverError.constraint] : undefined;
    return known
      ? new ConflictException(`${known.field} ${known.message}`, { errors: [known] })
      : new ConflictException('The resource already exists');
  }
  if (driverError.code === '23503') return new ConflictException('The resource is still referenced by other records');
  // Invalid text (22P02), out of range (22003, 22008), bad datetime (22007), bytes or characters text cannot hold (22021, 22P05).
  if (['22P02', '22003', '22007', '22008', '22021', '22P05'].includes(driverError.code ?? '')) {
    return new ValidationException([{ field: 'request', message: 'contains a value the database cannot accept' }]);
  }
  return undefined;
}
