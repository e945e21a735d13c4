import { signToken, verifyToken } from '@app/common';

const PURPOSE = 'invitation';

/**
 * The secret of an invitation: its id signed with JWT_SECRET. Never stored (the invitations table alone
 * gives no way in), derived again when the email is rendered; whether it still works (pending, not expired,
 * not revoked, not used) is the row's to say.
 */
export function signInvitationToken(secret: string, invitationId: string): string {
  return signToken(secret, PURPOSE, [invitationId]);
}

/** The invitation id of a genuine token; undefined for anything forged or malformed. */
export function verifyInvitationToken(secret: string, token: string | undefined): string | undefined {
  const [id] = verifyToken(secret, PURPOSE, token) ?? [];
  return typeof id === 'string' ? id : undefined;
}

/**
 * The link of an invitation email, built here only: the console's join page (/app/join), where the invitee
 * creates an account with the invited address or signs in, and joins. Opening it accepts nothing (mail
 * scanners open links). Links sent before it went to GET /v1/invitations/accept, whose page now points here.
 */
export function invitationLink(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, '')}/app/join?token=${token}`;
}
