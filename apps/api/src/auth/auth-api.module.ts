import { Module } from '@nestjs/common';
import { WorkspacesModule } from '@app/workspaces';
import { RateLimitModule } from '../core/rate-limit/rate-limit.module';
import { AuthController } from './auth.controller';
import { SessionController } from './session.controller';

/** Sign-up, login, /me and the browser session; the guard that checks every request (auth.guard.ts) is registered by ApiModule for all routes. */
@Module({ imports: [WorkspacesModule, RateLimitModule], controllers: [AuthController, SessionController] })
export class AuthApiModule {}
