import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@app/config';
import { queueConnection } from './connection';
import { jobOptionsWithBackoff, QueueName } from './jobs';
import { JobQueue } from './job-queue.service';

const queues = Object.values(QueueName).map((name) => ({ name }));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...queueConnection(config), defaultJobOptions: jobOptionsWithBackoff(config.JOB_BACKOFF_MS) }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [JobQueue],
  exports: [JobQueue, BullModule],
})
export class QueueModule {}
