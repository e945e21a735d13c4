import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, escapeHtml } from '@app/common';
import { AppConfig } from '@app/config';
import { NotificationContent, NotificationRow, portalUrl, RenderedEmail } from '@app/notifications';
import { SIGN_IN_MINUTES, signInToken } from './portal-tokens';

/** The portal_sign_in email: only while its link is unused and unexpired (a late send is skipped, not sent dead). */
@Injectable()
export class PortalSignInEmail extends NotificationContent {
  readonly kinds = ['portal_sign_in'] as const;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async render(row: NotificationRow, _data: unknown, appUrl: string): Promise<RenderedEmail | undefined> {
    const [signIn]: { name: string; workspaceName: string }[] = await this.db.query(
      `SELECT i.name, w.name AS "workspaceName" FROM portal_sign_ins s JOIN influencers i ON i.id = s.influencer_id JOIN workspaces w ON w.id = s.workspace_id
        WHERE s.id = $1 AND s.workspace_id = $2 AND s.used_at IS NULL AND s.expires_at > $3`,
      [row.subjectId, row.workspaceId, this.clock.now()],
    );
    if (!signIn) return undefined;
    const link = portalUrl(appUrl, signInToken(this.config.JWT_SECRET, row.subjectId));
    const lines = [
      `Hi ${signIn.name}, here is your link to the ${signIn.workspaceName} ambassador portal:`,
      `Sign in: ${link}`,
      `It works once, for ${SIGN_IN_MINUTES} minutes. If you did not ask for it, ignore this email: nothing happens unless the link is opened.`,
    ];
    const e = escapeHtml;
    const html = [
      '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
      `<p>${e(lines[0])}</p>`,
      `<p><a href="${e(link)}">Sign in to the portal</a></p>`,
      `<p style="font-size:12px;color:#666">${e(lines[2])}</p>`,
      '</body></html>',
    ].join('\n');
    return { subject: `Your sign-in link for ${signIn.workspaceName}`, text: lines.join('\n\n') + '\n', html };
  }
}
