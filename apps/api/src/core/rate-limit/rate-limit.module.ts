import { Module } from '@nestjs/common';
import { LoginThrottle } from './login-throttle';
import { RateLimitStore } from './rate-limit.store';
import { PortalSignInLimits } from './portal-sign-in-limits';
import { ReportSendLimits } from './report-send-limits';
import { RequestLimits } from './request-limits';

/** Per-token request budgets (used by the auth guard), login/signup throttling and report-send limits, over one shared store. */
@Module({
  providers: [RateLimitStore, RequestLimits, LoginThrottle, ReportSendLimits, PortalSignInLimits],
  exports: [RequestLimits, LoginThrottle, ReportSendLimits, PortalSignInLimits],
})
export class RateLimitModule {}
