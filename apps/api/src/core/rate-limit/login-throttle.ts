import { HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException } from '@app/common';
import { AppConfig } from '@app/config';
import { AppMetrics } from '@app/metrics';
import { Budget } from './budget';
import { RateLimitErrorCode } from './rate-limit.exception';
import { RateLimitStore } from './rate-limit.store';

const throttled = { code: RateLimitErrorCode.LoginThrottled, detail: 'Too many failed logins; retry after Retry-After seconds' };

/**
 * Password guessing: an attempt is counted before the password is checked (one atomic increment, so
 * parallel attempts cannot slip past the count), per email (LOGIN_MAX_FAILURES in 15 minutes, reset by
 * a success) and per client IP (LOGIN_MAX_FAILURES_PER_IP in an hour, any emails; a success gives its
 * point back but does not reset, or owning one account would unlock guessing at others). Unknown emails
 * count like known ones, so the answers reveal nothing. Signups are counted per IP.
 */
@Injectable()
export class LoginThrottle {
  private readonly byEmail: Budget;
  private readonly byIp: Budget;
  private readonly signups: Budget;

  constructor(store: RateLimitStore, config: AppConfig, metrics: AppMetrics) {
    this.byEmail = new Budget(
      store,
      { name: 'login-email', points: config.LOGIN_MAX_FAILURES, durationSeconds: 15 * 60 },
      metrics,
      throttled,
    );
    this.byIp = new Budget(
      store,
      { name: 'login-ip', points: config.LOGIN_MAX_FAILURES_PER_IP, durationSeconds: 3600 },
      metrics,
      throttled,
    );
    this.signups = new Budget(store, { name: 'signup-ip', points: config.SIGNUP_PER_IP_PER_HOUR, durationSeconds: 3600 }, metrics, {
      code: RateLimitErrorCode.SignupThrottled,
      detail: 'Too many signups from this address; retry after Retry-After seconds',
    });
  }

  /** Runs `attempt` (the credential check) if neither the email nor the IP is over its failures. */
  async login<T>(email: string, request: Request, attempt: () => Promise<T>): Promise<T> {
    const ip = `ip:${request.ip}`;
    const account = `email:${email.trim().toLowerCase()}`;
    await this.byIp.take(ip, request.res as Response);
    await this.byEmail.take(account, request.res as Response);
    try {
      const result = await attempt();
      await Promise.all([this.byEmail.refund(account, true), this.byIp.refund(ip)]);
      return result;
    } catch (error) {
      // Only wrong credentials count; anything else (a database error) is not the caller's failure.
      if (!(error instanceof AppException && error.status === HttpStatus.UNAUTHORIZED))
        await Promise.all([this.byEmail.refund(account), this.byIp.refund(ip)]);
      throw error;
    }
  }

  async signup(request: Request): Promise<void> {
    await this.signups.take(`ip:${request.ip}`, request.res as Response);
  }
}
