import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiGoneResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { escapeHtml as e, ExpiringTokenCheck, noticePage, paragraphs, Public } from '@app/common';
import { NotificationsService, UnsubscribeTarget } from '@app/notifications';
import { htmlPage } from '../core/html-page';

const html = { content: { 'text/html': { schema: { type: 'string' } } } };

/** What an unsubscribe stops and what it does not (UNSUBSCRIBABLE_KINDS; docs/reminders.md). */
const scope = (t: UnsubscribeTarget) => [
  '<h2>What stops</h2>',
  `<ul><li>Reminders of upcoming deliverables ("Due in 3 days") from every brand of ${e(t.workspaceName)}.</li></ul>`,
  '<h2>What does not stop</h2>',
  '<ul><li>Notices about your contract itself, such as a deliverable that is overdue: they are part of the agreement.</li>',
  '<li>Emails your contacts at the brand write to you themselves. To change or end the collaboration, reply to them.</li></ul>',
];

/**
 * The unsubscribe link of influencer reminders; the signed token is the only credential. RFC 8058: a GET (and
 * so a HEAD, which Express answers with the GET route) only shows a page with a button, so a mail scanner
 * fetching links unsubscribes nobody; the POST, from that button or from the mail client's one-click
 * (`List-Unsubscribe=One-Click`), unsubscribes.
 */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'The page of an unsubscribe link: says what an unsubscribe stops and offers a button; changes nothing (GET and HEAD)',
    security: [],
  })
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page with the button', ...html })
  @ApiBadRequestResponse({ description: 'The link was altered or is incomplete (a page saying so)', ...html })
  @ApiGoneResponse({ description: 'The link has expired (a page saying so)', ...html })
  async page(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const target = await this.notifications.unsubscribeTarget(token);
    if (target.state !== 'valid') return refused(res, target);
    const { email, workspaceName } = target.value;
    const form = `<form method="post" action="?token=${e(token as string)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe ${e(email)}</button></form>`;
    const body = [
      paragraphs(`${email} receives reminder emails from ${workspaceName}. Nothing changes until you press the button.`),
      ...scope(target.value),
      form,
    ];
    return htmlPage(res, 200, noticePage('Unsubscribe from reminders?', `<div class="box">${body.join('\n')}</div>`));
  }

  /** RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` to the header's URL; the page's button posts the same. */
  @Post()
  @ApiOperation({
    summary: 'Unsubscribes the address of the link from reminders (RFC 8058 one-click, or the button of the page)',
    security: [],
  })
  @Public()
  @HttpCode(200)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Unsubscribed (idempotent): a page saying what stopped', ...html })
  @ApiBadRequestResponse({ description: 'The link was altered or is incomplete', ...html })
  @ApiGoneResponse({ description: 'The link has expired; nothing changed', ...html })
  async oneClick(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const target = await this.notifications.unsubscribe(token);
    if (target.state !== 'valid') return refused(res, target);
    const { email, workspaceName } = target.value;
    const body = [paragraphs(`${email} will no longer receive reminders from ${workspaceName}.`), ...scope(target.value)];
    return htmlPage(res, 200, noticePage('Unsubscribed', `<div class="box">${body.join('\n')}</div>`));
  }
}

function refused(res: Response, check: Exclude<ExpiringTokenCheck<unknown>, { state: 'valid' }>): string {
  if (check.state === 'expired') {
    const text = paragraphs(
      `This unsubscribe link expired on ${check.expiredAt.toISOString().slice(0, 10)}, and nothing was changed.`,
      'The newest reminder you received has a link that works; or reply to it and ask your contact to stop the reminders.',
    );
    return htmlPage(res, 410, noticePage('Link expired', text));
  }
  return htmlPage(
    res,
    400,
    noticePage('Link not valid', paragraphs('This unsubscribe link is incomplete or was altered. Copy the whole link from the email.')),
  );
}
