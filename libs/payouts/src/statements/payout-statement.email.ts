import { Injectable } from '@nestjs/common';
import { Clock, escapeHtml } from '@app/common';
import { AppConfig } from '@app/config';
import { NotificationContent, NotificationRow, portalLink, portalPath, RenderedEmail } from '@app/notifications';
import { PayoutStatements } from './payout-statement';
import { money, statementCsv, statementHtml, statementText } from './payout-statement.render';

/**
 * The statement emails (payout_approved, payout_paid), rendered at send time from the payout as it is: an
 * approval email of a payout cancelled since is skipped, not sent. HTML and text parts, the CSV attached.
 * Sent once per payout and kind: the notification row is unique, and the sender's claim makes it once.
 */
@Injectable()
export class PayoutStatementEmail extends NotificationContent {
  readonly kinds = ['payout_approved', 'payout_paid'] as const;

  constructor(
    private readonly statements: PayoutStatements,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async render(row: NotificationRow, _data: unknown, appUrl: string): Promise<RenderedEmail | undefined> {
    const statement = await this.statements.build(row.workspaceId, row.subjectId).catch(() => undefined);
    const stillTrue = row.kind === 'payout_paid' ? ['paid'] : ['approved', 'paid'];
    if (!statement || !stillTrue.includes(statement.status)) return undefined;
    const amount = `${money(statement.total, statement.currency)} ${statement.currency}`;
    const subject = row.kind === 'payout_paid' ? `Your payout of ${amount} has been paid` : `Your payout of ${amount} is approved`;
    const intro =
      row.kind === 'payout_paid'
        ? `Your payout of ${amount} was paid${statement.reference ? ` (reference ${statement.reference})` : ''}.`
        : `Your payout of ${amount} is approved and will be paid shortly.`;
    // Signs the payee into this statement's page in the portal (docs/portal.md), like every email to an ambassador.
    const target = { workspaceId: row.workspaceId, influencerId: statement.payee.influencerId, path: portalPath(row) };
    const link = portalLink(this.config.JWT_SECRET, appUrl, target, this.clock.now());
    return {
      subject,
      text: `${intro}\n\n${statementText(statement)}\n\nSee this statement in your portal: ${link}\n`,
      html: statementHtml(statement, intro).replace(
        '</body>',
        `<p><a href="${escapeHtml(link)}">See this statement in your portal</a></p></body>`,
      ),
      attachments: [
        {
          filename: `payout-statement-${statement.periodEnd}.csv`,
          content: statementCsv(statement),
          contentType: 'text/csv; charset=utf-8',
        },
      ],
    };
  }
}
