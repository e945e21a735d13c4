import { Invitation, InvitationsService } from '@app/workspaces';
import { InvitationView } from './invitations.dto';

/** An expired invitation is still `pending` in its row; the API says what it means for the invitee. */
export const invitationView = (invitations: InvitationsService, i: Invitation): InvitationView => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: invitations.isExpired(i) ? 'expired' : i.status,
  expiresAt: i.expiresAt,
  invitedByUserId: i.invitedByUserId,
  acceptedByUserId: i.acceptedByUserId,
  createdAt: i.createdAt,
});
