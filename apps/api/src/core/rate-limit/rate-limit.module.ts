import { Module } from '@nestjs/common';
import { LoginThrottle } from './login-throttle';
import { RateLimitStore } from './rate-limit.store';
import { RequestLimits } from './request-limits';

/** Per-token request budgets (used by the auth guard) and login/signup throttling, over one shared store. */
@Module({ providers: [RateLimitStore, RequestLimits, LoginThrottle], exports: [RequestLimits, LoginThrottle] })
export class RateLimitModule {}
