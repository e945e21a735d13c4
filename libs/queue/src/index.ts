export * from './connection';
export * from './job-handlers';
export * from './job-metrics';
export * from './job-queue.service';
export * from './job-workers';
export * from './jobs';
export * from './queue-depths';
export * from './queue.module';
