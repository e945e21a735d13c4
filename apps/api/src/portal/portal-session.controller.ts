import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/common';
import { AppConfig } from '@app/config';
import { PORTAL_COOKIE, PortalAuth } from '@app/portal';
import { PortalSignInLimits } from '../core/rate-limit/portal-sign-in-limits';
import { refuseCrossSiteWrite, sessionCookieOptions } from '../auth/session-cookie';
import { readPortalCookie } from './portal.guard';
import { PortalExchangeRequest, PortalSessionOpened, PortalSignInAccepted, PortalSignInRequest } from './portal.dto';

const SENT = 'If this address belongs to an ambassador of the workspace, a sign-in link is on its way. It works once, for 15 minutes.';

/** Signing ambassadors in and out of the portal (docs/portal.md). */
@ApiTags('portal')
@Controller('portal')
export class PortalSessionController {
  constructor(
    private readonly auth: PortalAuth,
    private readonly limits: PortalSignInLimits,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(202)
  @ApiOperation({ summary: 'Emails a sign-in link to an ambassador of the workspace; always 202, whether or not the address is known' })
  @ApiAcceptedResponse({ type: PortalSignInAccepted })
  async signIn(@Body() body: PortalSignInRequest, @Req() request: Request): Promise<PortalSignInAccepted> {
    await this.limits.take(body.email, request);
    await this.auth.requestSignIn(body.workspaceId, body.email);
    return { message: SENT };
  }

  @Public()
  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: "Trades a link's token (sign-in or email link) for the portal session cookie; each link works once" })
  @ApiOkResponse({ type: PortalSessionOpened })
  @ApiBadRequestResponse({ description: 'Not a link of ours (PORTAL_LINK_INVALID)' })
  @ApiGoneResponse({ description: 'Used (PORTAL_LINK_USED) or expired (PORTAL_LINK_EXPIRED); carries workspaceId to ask for a fresh link' })
  async open(
    @Body() body: PortalExchangeRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PortalSessionOpened> {
    const opened = await this.auth.exchange(body.token, { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null });
    response.cookie(PORTAL_COOKIE, opened.token, sessionCookieOptions(this.config.APP_URL, opened.expiresAt));
    return { expiresAt: opened.expiresAt, path: opened.path };
  }

  @Public()
  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Signs the ambassador out: ends the portal session on the server and clears the cookie' })
  @ApiNoContentResponse({ description: 'Signed out (also when the session had already ended)' })
  async end(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = readPortalCookie(request);
    if (!token) return;
    refuseCrossSiteWrite(request);
    await this.auth.end(token);
    response.clearCookie(PORTAL_COOKIE, sessionCookieOptions(this.config.APP_URL));
  }
}
