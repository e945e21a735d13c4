import { escapeHtml as e } from '@app/common';

/**
 * The page behind an invitation email's link, until the console has its own: it accepts nothing (mail
 * scanners open links), it says how to. Its holder is the invitee, so naming the workspace reveals nothing new.
 */
export function invitationPage(invitation: { workspaceName: string; role: string; email: string; expiresAt: Date } | undefined): string {
  const body = invitation
    ? [
        `<h1>Join ${e(invitation.workspaceName)}</h1>`,
        `<p>You are invited as <b>${e(invitation.role)}</b>, with the address ${e(invitation.email)}, until ${e(invitation.expiresAt.toISOString())}.</p>`,
        '<p>To accept, send the <code>token</code> of this link:</p><ul>',
        '<li>with an account of that address: <code>POST /v1/invitations/accept {"token"}</code> signed in, or <code>POST /v1/auth/login {"email", "password", "inviteToken"}</code>;</li>',
        '<li>without one: <code>POST /v1/auth/signup {"name", "email", "password", "inviteToken"}</code>.</li></ul>',
      ]
    : ['<h1>Invitation not valid</h1>', '<p>This invitation is unknown, expired, revoked or already used. Ask for a new one.</p>'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ambassador CRM invitation</title></head><body>${body.join('')}</body></html>`;
}
