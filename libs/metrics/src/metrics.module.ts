import { Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics';

/** One AppMetrics per application (api or worker); imported once by each app module. */
@Global()
@Module({ providers: [AppMetrics], exports: [AppMetrics] })
export class MetricsModule {}
