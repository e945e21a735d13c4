import { escapeHtml as e } from '@app/common';

/**
 * The page behind the links of invitation emails sent before the console had its join page: it accepts
 * nothing (mail scanners open links) and sends the person on to that page, where they sign up or sign in and
 * join. Its holder is the invitee, so naming the workspace reveals nothing new.
 */
export function invitationPage(
  invitation: { workspaceName: string; role: string; email: string; expiresAt: Date } | undefined,
  joinUrl: string,
): string {
  const body = invitation
    ? [
        `<h1>Join ${e(invitation.workspaceName)}</h1>`,
        `<p>You are invited as <b>${e(invitation.role)}</b>, with the address ${e(invitation.email)}, until ${e(invitation.expiresAt.toISOString())}.</p>`,
        `<p><a href="${e(joinUrl)}">Accept the invitation</a>: create your account with that address, or sign in if you have one.</p>`,
      ]
    : ['<h1>Invitation not valid</h1>', '<p>This invitation is unknown, expired, revoked or already used. Ask for a new one.</p>'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ambassador CRM invitation</title></head><body>${body.join('')}</body></html>`;
}
