import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppMetrics } from '@app/metrics';
import { Budget } from './budget';
import { RateLimitErrorCode } from './rate-limit.exception';
import { RateLimitStore } from './rate-limit.store';

/** Sign-in emails one address may be sent in 15 minutes, and requests one client address may make in an hour. */
export const PORTAL_SIGN_INS_PER_EMAIL = 5;
export const PORTAL_SIGN_INS_PER_IP = 30;

/**
 * POST /v1/portal/sign-in sends an email: without a bound anyone could flood an ambassador's inbox, or make us
 * a mail cannon. Counted per email and per client address before looking the email up, so known and unknown
 * addresses are answered alike (the 429 tells nothing about accounts).
 */
@Injectable()
export class PortalSignInLimits {
  private readonly byEmail: Budget;
  private readonly byIp: Budget;

  constructor(store: RateLimitStore, metrics: AppMetrics) {
    const refusal = {
      code: RateLimitErrorCode.PortalSignInThrottled,
      detail: 'Too many sign-in links asked for; retry after Retry-After seconds',
    };
    this.byEmail = new Budget(
      store,
      { name: 'portal-sign-in-email', points: PORTAL_SIGN_INS_PER_EMAIL, durationSeconds: 15 * 60 },
      metrics,
      refusal,
    );
    this.byIp = new Budget(store, { name: 'portal-sign-in-ip', points: PORTAL_SIGN_INS_PER_IP, durationSeconds: 3600 }, metrics, refusal);
  }

  async take(email: string, request: Request): Promise<void> {
    await this.byIp.take(`ip:${request.ip}`, request.res as Response);
    await this.byEmail.take(`email:${email.trim().toLowerCase()}`, request.res as Response);
  }
}
