import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppException, Public } from '@app/common';
import { AppConfig } from '@app/config';
import { JobQueue } from '@app/queue';
import { SkipRateLimit } from '../core/rate-limit/request-limits';

type Health = Omit<HealthCheckResult, 'status'> & { status: 'ok' | 'degraded' };

/**
 * Readiness. 200 `ok` when PostgreSQL and the queue backend (Redis, or PostgreSQL in zero-config mode) answer;
 * 200 `degraded`, the queue named under `error`, when only the queue backend is down: writes still work and the
 * work they owe the worker waits in PostgreSQL (docs/faults.md), so a load balancer must keep sending traffic;
 * 503 problem+json, with the same `info`/`error`/`details`, when PostgreSQL is down.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @SkipRateLimit()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: ok, degraded (queue backend down, writes still work) or 503 (database down)' })
  @ApiOkResponse({
    description: '`{status: "ok" | "degraded", info, error, details}`; 503 problem+json carries the same `info`, `error` and `details`',
  })
  async check(): Promise<Health> {
    try {
      return (await this.health.check([
        () => this.db.pingCheck('database', { timeout: this.config.HEALTH_DB_TIMEOUT_MS }),
        () => this.queue(),
      ])) as Health;
    } catch (error) {
      const result = error instanceof ServiceUnavailableException ? (error.getResponse() as HealthCheckResult) : undefined;
      if (!result) throw error;
      const down = Object.keys(result.error ?? {});
      if (down.length && down.every((name) => name === 'queue')) return { ...result, status: 'degraded' };
      const { info, error: failing, details } = result;
      throw new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'UNHEALTHY', `Down: ${down.join(', ') || result.status}`, undefined, {
        info,
        error: failing,
        details,
      });
    }
  }

  private async queue() {
    const session = this.indicators.check('queue');
    try {
      await this.jobs.ping();
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
