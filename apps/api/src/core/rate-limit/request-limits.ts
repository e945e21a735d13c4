import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Actor } from '@app/common';
import { AppConfig } from '@app/config';
import { AppMetrics } from '@app/metrics';
import { Budget } from './budget';
import { RateLimitErrorCode } from './rate-limit.exception';
import { RateLimitStore } from './rate-limit.store';

const SKIP_RATE_LIMIT = 'acrm:skip-rate-limit';

/** Outside the per-token budget: health and metrics, polled by infrastructure rather than clients. */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT, true);

/**
 * RATE_LIMIT_PER_MINUTE per API key or user, whichever token they use; callers without a valid token per IP.
 * Beside it, RATE_LIMIT_PER_WORKSPACE_PER_MINUTE for all the keys and users of a workspace together, so
 * a workspace cannot multiply its budget by creating keys. The RateLimit-* headers tell the per-token one.
 */
@Injectable()
export class RequestLimits {
  private readonly budget: Budget;
  private readonly workspaceBudget: Budget;

  constructor(
    store: RateLimitStore,
    config: AppConfig,
    metrics: AppMetrics,
    private readonly reflector: Reflector,
  ) {
    this.budget = new Budget(store, { name: 'api', points: config.RATE_LIMIT_PER_MINUTE, durationSeconds: 60 }, metrics, {
      code: RateLimitErrorCode.RateLimited,
      detail: `Over the budget of ${config.RATE_LIMIT_PER_MINUTE} requests a minute for this token; retry after Retry-After seconds`,
      advertise: true,
    });
    const perWorkspace = config.RATE_LIMIT_PER_WORKSPACE_PER_MINUTE;
    this.workspaceBudget = new Budget(store, { name: 'api-workspace', points: perWorkspace, durationSeconds: 60 }, metrics, {
      code: RateLimitErrorCode.WorkspaceRateLimited,
      detail: `Over the budget of ${perWorkspace} requests a minute for this workspace, all its keys and users together; retry after Retry-After seconds`,
    });
  }

  async admit(context: ExecutionContext, actor?: Actor): Promise<void> {
    if (this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, [context.getHandler(), context.getClass()])) return;
    const request = context.switchToHttp().getRequest<Request>();
    const key = actor?.apiKeyId ? `key:${actor.apiKeyId}` : actor?.userId ? `user:${actor.userId}` : `ip:${request.ip}`;
    const response = context.switchToHttp().getResponse<Response>();
    await this.budget.take(key, response);
    if (actor) await this.workspaceBudget.take(`workspace:${actor.workspaceId}`, response);
  }
}
