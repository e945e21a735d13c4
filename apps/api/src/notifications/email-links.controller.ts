import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiGoneResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock, escapeHtml as e, noticePage, paragraphs, Public } from '@app/common';
import { consoleLink, emailContent, NotificationsService, OpenedEmail } from '@app/notifications';
import { htmlPage } from '../core/html-page';

const html = { content: { 'text/html': { schema: { type: 'string' } } } };
const paths = {
  contract: 'contracts',
  deliverable: 'deliverables',
  brand: 'brands',
  invitation: 'invitations',
  payout: 'payouts',
  portal_sign_in: 'portal/sign-in',
  webhook_endpoint: 'webhook-endpoints',
} as const;

/**
 * The box under the email's text: what the reader can do next. Emails link to the console and the portal now;
 * a link sent before them lands here and points on.
 */
function nextSteps({ row, data }: OpenedEmail): string {
  // The contact is named in the email's own text above (and is its Reply-To).
  if (row.audience === 'influencer')
    return `<p><a href="/portal/sign-in?workspace=${e(row.workspaceId)}">Sign in to the ambassador portal</a> (we email you a link) to hand in your post, or reply to the email to reach ${e(data?.brand.name ?? 'the brand')}.</p>`;
  const page = consoleLink('', row, data);
  const route = `GET /v1/${paths[row.subjectType]}/${row.subjectId}`;
  return page
    ? `<p><a href="${e(page)}">Open it in the console</a> (sign in first if asked).</p>`
    : `${paragraphs('Read this in the API with your access token or API key:')}
<p><code>${e(route)}</code></p>`;
}

/**
 * Where the action links of reminder emails land (emailLink in @app/notifications, the one place to point
 * them at the console and the portal once those exist). The signed link is the credential: the page shows
 * what the email said, with its subject's data as it is now, and no more.
 */
@ApiTags('notifications')
@Controller('email-links')
export class EmailLinksController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @Get('open')
  @ApiOperation({
    summary:
      'The page the link of a reminder email opens in a browser: what the email is about (no bearer token: the signed link is the credential)',
    security: [],
  })
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'What the email is about and what to do next', ...html })
  @ApiUnauthorizedResponse({ description: 'The link was altered or is incomplete (a page saying so)', ...html })
  @ApiGoneResponse({ description: 'The link has expired, or what it was about no longer exists (a page saying so)', ...html })
  async open(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const opened = await this.notifications.opened(token);
    if (opened.state === 'invalid')
      return htmlPage(
        res,
        401,
        noticePage('Link not valid', paragraphs('This link is incomplete or was altered. Copy the whole link from the email.')),
      );
    if (opened.state === 'expired') {
      const text = `This link expired on ${opened.expiredAt.toISOString().slice(0, 10)}. The email itself still says what it was about.`;
      return htmlPage(res, 410, noticePage('Link expired', paragraphs(text)));
    }
    const { row, data } = opened.value;
    if (!data)
      return htmlPage(
        res,
        410,
        noticePage('No longer available', paragraphs(`The ${row.subjectType} this email was about no longer exists.`)),
      );
    const content = emailContent(row, data, this.clock.today(data.brand.timezone));
    const body = [paragraphs(...content.paragraphs), `<div class="box"><h2>What next</h2>${nextSteps({ row, data })}</div>`];
    return htmlPage(res, 200, noticePage(content.subject, body.join('\n')));
  }
}
