import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppMetrics } from '@app/metrics';
import { RateLimitErrorCode, RateLimitException } from './rate-limit.exception';
import { LimitSpec, RateLimitStore } from './rate-limit.store';

const logger = new Logger('RateLimits');

/**
 * One named budget (points per window) over a limiter. `take` counts one request for a key: within
 * budget it may write the RateLimit-* headers (`advertise`: the per-token budget; login budgets stay
 * unannounced); over it, 429 with Retry-After. A limiter error (none is
 * expected: Redis errors go to the insurance limiter) lets the request through: limits never fail a request.
 */
export class Budget {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    store: RateLimitStore,
    private readonly spec: LimitSpec,
    private readonly metrics: AppMetrics,
    private readonly refusal: { code: RateLimitErrorCode; detail: string; advertise?: boolean },
  ) {
    this.limiter = store.limiter(spec);
  }

  /** Returns how many points the key has used in the window, this one included (0 when the limiter failed). */
  async take(key: string, response: Response): Promise<number> {
    let result: RateLimiterRes;
    try {
      result = await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        logger.warn(`${this.spec.name} limiter failed, request let through: ${String(rejection)}`);
        return 0;
      }
      this.writeHeaders(response, rejection);
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      response.setHeader('Retry-After', String(retryAfter));
      this.metrics.rateLimited.inc({ limiter: this.spec.name });
      throw new RateLimitException(this.refusal.code, this.refusal.detail, retryAfter);
    }
    this.writeHeaders(response, result);
    return result.consumedPoints;
  }

  /** Gives back points: a successful login's IP point, or the whole count (`all`) of an email. */
  async refund(key: string, all = false): Promise<void> {
    await (all ? this.limiter.delete(key) : this.limiter.reward(key, 1)).catch((error: unknown) =>
      logger.warn(`${this.spec.name} refund failed: ${String(error)}`),
    );
  }

  /** IETF draft RateLimit headers (limit, remaining, seconds to reset, policy `points;w=window`), for the advertised budget only. */
  private writeHeaders(response: Response, result: RateLimiterRes): void {
    if (!this.refusal.advertise) return;
    response.setHeader('RateLimit-Limit', String(this.spec.points));
    response.setHeader('RateLimit-Remaining', String(Math.max(0, result.remainingPoints)));
    response.setHeader('RateLimit-Reset', String(Math.max(0, Math.ceil(result.msBeforeNext / 1000))));
    response.setHeader('RateLimit-Policy', `${this.spec.points};w=${this.spec.durationSeconds}`);
  }
}
