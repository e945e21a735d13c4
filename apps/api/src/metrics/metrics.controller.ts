import { Controller, Get, Headers, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppException, Public } from '@app/common';
import { AppConfig } from '@app/config';
import { AppMetrics, metricsAuthorized } from '@app/metrics';
import { SkipRateLimit } from '../core/rate-limit/request-limits';

/** Prometheus scrape target; its own token (METRICS_TOKEN), not a workspace's, so @Public() for the auth guard. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: AppMetrics,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format)',
    description:
      'Request latency per route, rate-limit refusals, conversions ingested, queue depths, Node process metrics. When METRICS_TOKEN is set, send it as `Authorization: Bearer <METRICS_TOKEN>`. See docs/operations.md.',
  })
  @Public()
  @SkipRateLimit()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'text/plain; version=0.0.4', schema: { type: 'string' } })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    if (!metricsAuthorized(authorization, this.config.METRICS_TOKEN)) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        'METRICS_TOKEN_REQUIRED',
        'Send the METRICS_TOKEN as "Authorization: Bearer <token>"',
      );
    }
    const { contentType, body } = await this.metrics.scrape();
    response.setHeader('Content-Type', contentType);
    response.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
