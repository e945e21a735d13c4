import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RequireRole, Role } from '@app/common';
import { AppConfig } from '@app/config';
import { invitationLink, InvitationsService } from '@app/workspaces';
import { workspaceView } from '../workspace/workspace.views';
import { IdParam } from '../core/id-param';
import { invitationView } from './invitations.views';
import { memberView } from './members.views';
import {
  AcceptedInvitation,
  AcceptInvitationRequest,
  InvitationLinkQuery,
  InvitationList,
  InvitationPreview,
  InvitationView,
} from './invitations.dto';
import { invitationPage } from './invitation.page';

@ApiTags('members')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @RequireRole(Role.Admin)
  @ApiOperation({ summary: "The workspace's invitations, newest first: pending, expired, accepted and revoked" })
  @ApiOkResponse({ type: InvitationList })
  async list(): Promise<InvitationList> {
    return { data: (await this.invitations.list()).map((i) => invitationView(this.invitations, i)), nextCursor: null };
  }

  @Delete(':id')
  @RequireRole(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a pending invitation: its link stops working, an email not yet sent is not sent' })
  @ApiNoContentResponse({ description: 'Revoked' })
  revoke(@IdParam() id: string): Promise<void> {
    return this.invitations.revoke(id);
  }

  @Get('preview')
  @ApiOperation({
    summary: "What an invitation link offers (workspace, role, address, expiry), for the console's join page; accepts nothing",
    security: [],
  })
  @Public()
  @ApiOkResponse({ type: InvitationPreview })
  @ApiNotFoundResponse({ description: 'INVITATION_INVALID: unknown, expired, revoked or already used' })
  async preview(@Query() query: InvitationLinkQuery, @Res({ passthrough: true }) res: Response): Promise<InvitationPreview> {
    res.setHeader('Cache-Control', 'private, no-store');
    return this.invitations.previewOrFail(query.token);
  }

  @Get('accept')
  @ApiOperation({
    summary:
      "The link of invitation emails sent before the console's join page: says what the invitation is and links that page (opening it accepts nothing)",
    security: [],
  })
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page; also for an invalid link (saying so), answered 404', content: { 'text/html': {} } })
  async page(@Query() query: InvitationLinkQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const invitation = await this.invitations.preview(query.token);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    // The token must not travel on in a Referer, nor the page stay in a shared cache.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!invitation) res.status(404);
    return invitationPage(invitation, invitationLink(this.config.APP_URL, query.token));
  }

  // After the fixed paths: Express matches in declaration order, and `accept` would be taken for an :id.
  @Get(':id')
  @RequireRole(Role.Admin)
  @ApiOperation({ summary: 'One invitation of the workspace' })
  @ApiOkResponse({ type: InvitationView })
  async get(@IdParam() id: string): Promise<InvitationView> {
    return invitationView(this.invitations, await this.invitations.get(id));
  }

  @Post('accept')
  @RequireRole(Role.Viewer)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The signed-in person joins the inviting workspace with the invited role (their account must have the invited address); answers a token for that workspace',
  })
  @ApiOkResponse({ type: AcceptedInvitation })
  async accept(@Body() body: AcceptInvitationRequest): Promise<AcceptedInvitation> {
    const joined = await this.invitations.acceptAsCaller(body.token);
    return { accessToken: joined.accessToken, workspace: workspaceView(joined.workspace), member: memberView(joined.member) };
  }
}
