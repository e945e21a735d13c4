export * from './connection';
export * from './job-queue.service';
export * from './jobs';
export * from './queue.module';
