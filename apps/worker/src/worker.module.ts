import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { loggerParams } from '@app/logging';
import { NotificationsModule, NotificationsService, NotificationsWorkerModule } from '@app/notifications';
import { JobWorkersModule, QueueModule } from '@app/queue';
import { NotificationSends, RemindersModule } from '@app/reminders';
import { WorkerHealthServer } from './health/worker-health.server';
import { JobSchedules } from './job-schedules';
import { RemindersProcessor } from './processors/reminders.processor';

/**
 * The worker process: no HTTP stack, the BullMQ queues of libs/queue, and the job handlers. Processors
 * (providers with `@OnJob` methods, one file per queue or job family in processors/) are added to
 * `imports`/`providers` here by the issues that bring them.
 */
@Module({})
export class WorkerModule {
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(env),
        ClockModule,
        LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => loggerParams(config, 'worker') }),
        DatabaseModule,
        QueueModule,
        JobWorkersModule,
        NotificationsWorkerModule,
        // New notification rows are sent through notifications.send (one job per row, id `notification-<id>`).
        RemindersModule.forRoot({ imports: [NotificationsModule], sends: { provide: NotificationSends, useExisting: NotificationsService } }),
      ],
      providers: [WorkerHealthServer, JobSchedules, RemindersProcessor],
    };
  }
}
