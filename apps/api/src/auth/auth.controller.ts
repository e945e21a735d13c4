import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@app/common';
import { AuthService, WorkspacesService } from '@app/workspaces';
import { LoginThrottle } from '../core/rate-limit/login-throttle';
import { AccessTokenResponse, LoginRequest, MeResponse, SignupRequest, SignupResponse } from './auth.dto';
import { workspaceView } from '../workspace/workspace.views';
import { userView } from './auth.views';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly workspaces: WorkspacesService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('auth/signup')
  @ApiOperation({
    summary: 'Creates an account: with a new workspace you own, or with inviteToken in the inviting workspace',
    security: [],
  })
  @ApiCreatedResponse({ type: SignupResponse, description: 'The workspace the caller is now a member of' })
  async signup(@Body() body: SignupRequest, @Req() request: Request): Promise<SignupResponse> {
    await this.throttle.signup(request);
    const { accessToken, user, workspace } = await this.auth.signup(body);
    return { accessToken, user: userView(user), workspace: workspaceView(workspace) };
  }

  @Public()
  @Post('auth/login')
  @ApiOperation({ summary: 'Exchanges email and password for an access token' })
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  login(@Body() body: LoginRequest, @Req() request: Request): Promise<AccessTokenResponse> {
    return this.throttle.login(body.email, request, () => this.auth.login(body.email, body.password, body.workspaceId, body.inviteToken));
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller: user (or API key), workspace and role' })
  @ApiOkResponse({ type: MeResponse })
  async me(): Promise<MeResponse> {
    const { actor, user, workspace, apiKey } = await this.workspaces.me();
    return {
      user: user && userView(user),
      workspace: workspaceView(workspace),
      role: actor.role,
      apiKey: apiKey && { id: apiKey.id, name: apiKey.name },
    };
  }
}
