import { QueryFailedError } from 'typeorm';
import { AppException, ConflictException, ValidationException } from './app.exception';

/** Constraint names are the contract between the schema and the messages users read. */
const uniqueMessages: Record<string, { field: string; message: string }> = {
  uq_users_email: { field: 'email', message: 'is already registered' },
  uq_brands_workspace_name: { field: 'name', message: 'a brand with this name already exists' },
  uq_influencers_workspace_email: { field: 'email', message: 'an influencer with this email already exists' },
  uq_social_accounts_workspace_platform_handle: { field: 'socialAccounts', message: 'this platform handle already belongs to an influencer' },
  uq_members_workspace_user: { field: 'email', message: 'is already a member of this workspace' },
  uq_tracking_codes_workspace_code: { field: 'code', message: 'is already in use in this workspace (codes and links ignore case)' },
  // The services check these under a row lock first and answer with more detail; these are the backstops.
  uq_relationships_brand_influencer: { field: 'influencerId', message: 'already has a relationship with this brand' },
  uq_contracts_one_active: { field: 'status', message: 'another contract of this relationship is active' },
  uq_contracts_previous: { field: 'previousContractId', message: 'this contract was already renewed' },
  uq_contracts_relationship_term: { field: 'termNumber', message: 'another contract of this relationship has this term number' },
};

/** Maps PostgreSQL constraint violations that reach the filter to 4xx answers instead of 500s. */
export function translateDatabaseError(error: unknown): AppException | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string; detail?: string };
  if (driverError.code === '23505') {
    const known = driverError.constraint ? uniqueMessages[driverError.constraint] : undefined;
    return known ? new ConflictException(`${known.field} ${known.message}`, { errors: [known] }) : new ConflictException('The resource already exists');
  }
  if (driverError.code === '23503') return new ConflictException('The resource is still referenced by other records');
  if (driverError.code === '22P02' || driverError.code === '22003' || driverError.code === '22007' || driverError.code === '22008') {
    return new ValidationException([{ field: 'request', message: 'contains a value the database cannot accept' }]);
  }
  return undefined;
}
