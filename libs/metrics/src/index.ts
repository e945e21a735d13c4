export * from './app-metrics';
export * from './metrics.module';
