import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, escapeHtml } from '@app/common';
import { AppConfig } from '@app/config';
import { NotificationContent, NotificationRow, RenderedEmail } from '@app/notifications';
import { invitationLink, signInvitationToken } from './invitation-token';

interface PendingInvitation {
  role: string;
  expiresAt: Date;
  workspaceName: string;
  inviterName: string | null;
}

/**
 * The member_invitation email, rendered at send time: only while the invitation is still pending and
 * unexpired (a revoked or used one is skipped, not sent). It names the workspace, the role and who
 * invited; the link carries the signed token (invitation-token.ts).
 */
@Injectable()
export class InvitationEmail extends NotificationContent {
  readonly kinds = ['member_invitation'] as const;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async render(row: NotificationRow, _data: unknown, appUrl: string): Promise<RenderedEmail | undefined> {
    const [invitation] = (await this.db.query(
      `SELECT i.role, i.expires_at AS "expiresAt", w.name AS "workspaceName", u.name AS "inviterName"
         FROM invitations i JOIN workspaces w ON w.id = i.workspace_id LEFT JOIN users u ON u.id = i.invited_by_user_id
        WHERE i.id = $1 AND i.workspace_id = $2 AND i.status = 'pending' AND i.expires_at > $3`,
      [row.subjectId, row.workspaceId, this.clock.now()],
    )) as PendingInvitation[];
    if (!invitation) return undefined;
    const link = invitationLink(appUrl, signInvitationToken(this.config.JWT_SECRET, row.subjectId));
    const who = invitation.inviterName ?? 'An administrator';
    const lines = [
      `${who} invited you to join ${invitation.workspaceName} on Ambassador CRM as ${invitation.role}.`,
      `Accept the invitation: ${link}`,
      `The link works once, until ${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. If you did not expect it, ignore this email: nothing happens unless you accept.`,
    ];
    const e = escapeHtml;
    const html = [
      '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
      `<p>${e(lines[0])}</p>`,
      `<p><a href="${e(link)}">Accept the invitation</a></p>`,
      `<p style="font-size:12px;color:#666">${e(lines[2])}</p>`,
      '</body></html>',
    ].join('\n');
    return { subject: `${who} invited you to ${invitation.workspaceName} on Ambassador CRM`, text: lines.join('\n\n') + '\n', html };
  }
}
