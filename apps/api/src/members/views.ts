import { Invitation, InvitationsService, Member } from '@app/workspaces';
import { InvitationView } from './invitations.dto';
import { MemberView } from './members.dto';

export const memberView = (m: Member): MemberView => ({
  id: m.id,
  userId: m.userId,
  email: m.user?.email ?? '',
  name: m.user?.name ?? '',
  role: m.role,
  createdAt: m.createdAt,
});

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
