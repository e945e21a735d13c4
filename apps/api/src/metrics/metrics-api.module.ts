import { Module } from '@nestjs/common';
import { QueueDepths } from '@app/queue';
import { MetricsController } from './metrics.controller';

/** GET /metrics of the api, with the queue depths read at scrape time (AppMetrics comes from the global MetricsModule). */
@Module({ controllers: [MetricsController], providers: [QueueDepths] })
export class MetricsApiModule {}
