import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFoundException, Public, RequestContext, RequireRole, Role } from '@app/common';
import { AppConfig } from '@app/config';
import { AuthService, SessionsService, WorkspacesService } from '@app/workspaces';
import { LoginThrottle } from '../core/rate-limit/login-throttle';
import { LoginRequest } from './auth.dto';
import { MyWorkspaceList, SessionResponse, SwitchWorkspaceRequest } from './session.dto';
import { readSessionCookie, refuseCrossSiteWrite, SESSION_COOKIE, sessionCookieOptions } from './session-cookie';
import { workspaceView } from '../workspace/workspace.views';
import { userView } from './auth.views';

/** Browser sign-in for the console (web.md): the same credentials as /v1/auth/login, kept in an httpOnly cookie. */
@ApiTags('auth')
@Controller()
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly workspaces: WorkspacesService,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Signs a browser in: sets the httpOnly session cookie the console uses instead of a bearer token' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  async open(
    @Body() body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    const claims = await this.throttle.login(body.email, request, () =>
      this.auth.authenticate(body.email, body.password, body.workspaceId, body.inviteToken),
    );
    const { token, expiresAt } = await this.sessions.open(claims);
    response.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.config.APP_URL, expiresAt));
    return this.view(token);
  }

  @Patch('auth/session')
  @RequireRole(Role.Viewer)
  @ApiOperation({ summary: "Moves the browser session to another of the user's workspaces (the console's workspace switcher)" })
  @ApiOkResponse({ type: SessionResponse })
  async switchWorkspace(@Body() body: SwitchWorkspaceRequest, @Req() request: Request): Promise<SessionResponse> {
    const token = readSessionCookie(request);
    if (!token || !(await this.sessions.switchWorkspace(token, body.workspaceId)))
      throw new NotFoundException('Workspace', body.workspaceId);
    return this.view(token);
  }

  @Public()
  @Delete('auth/session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Signs the browser out: ends the session on the server and clears the cookie' })
  @ApiNoContentResponse({ description: 'Signed out (also when the session had already ended)' })
  async end(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = readSessionCookie(request);
    if (!token) return;
    refuseCrossSiteWrite(request);
    await this.sessions.end(token);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config.APP_URL));
  }

  @Get('me/workspaces')
  @ApiOperation({ summary: 'The workspaces the caller may enter, with their role in each' })
  @ApiOkResponse({ type: MyWorkspaceList })
  async mine(): Promise<MyWorkspaceList> {
    return { data: await this.workspaces.mine() };
  }

  /** The session's person, workspace and role, read back through the session as the next request will see it. */
  private async view(token: string): Promise<SessionResponse> {
    const actor = await this.sessions.resolve(token);
    if (!actor) throw new NotFoundException('Session');
    RequestContext.setActor(actor);
    const { user, workspace } = await this.workspaces.me();
    return {
      user: user && userView(user),
      workspace: workspaceView(workspace),
      role: actor.role,
      apiKey: null,
      expiresAt: actor.expiresAt,
    };
  }
}
