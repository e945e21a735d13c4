import { RequestContext, Role, roleAtLeast } from '@app/common';
import { WorkspacesErrorCode, WorkspacesException } from '../workspaces.exception';

/** Nobody hands out a role above their own, by invitation or by a role change. */
export function assertCanGrant(role: Role): void {
  const actor = RequestContext.actor();
  if (!roleAtLeast(actor.role, role))
    throw WorkspacesException.forbidden(WorkspacesErrorCode.RoleTooHigh, `You cannot grant a role above your own (${actor.role})`);
}
