import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { CostsAccrualModule } from '@app/costs';
import { DatabaseModule, LedgerPartitions } from '@app/database';
import { EventsModule, WebhookEndpointDisabledEmail, WebhooksWorkerModule } from '@app/events';
import { loggerParams } from '@app/logging';
import { MetricsModule } from '@app/metrics';
import { NotificationsWorkerModule } from '@app/notifications';
import { JobWorkersModule, QueueModule } from '@app/queue';
import { RemindersModule } from '@app/reminders';
import { RollupsModule } from '@app/rollups';
import { InvitationEmail, WorkspacesModule } from '@app/workspaces';
import { PayoutStatementEmail, PayoutStatementsModule } from '@app/payouts';
import { PortalMailModule, PortalSignInEmail } from '@app/portal';
import { QuarterlyReportEmail, ReportMailingModule } from '@app/reports';
import { WorkerHealthServer } from './health/worker-health.server';
import { JobSchedules } from './job-schedules';
import { CostsProcessor } from './processors/costs.processor';
import { LedgerProcessor } from './processors/ledger.processor';
import { EventsProcessor } from './processors/events.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { RemindersProcessor } from './processors/reminders.processor';
import { ReportsProcessor } from './processors/reports.processor';
import { RollupsProcessor } from './processors/rollups.processor';

/**
 * The worker process: no HTTP stack, the BullMQ queues of libs/queue, and the job handlers: every `@OnJob`
 * method lives in processors/ (one file per queue or job family), a thin call into the context that owns the work.
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
        MetricsModule,
        DatabaseModule,
        QueueModule,
        JobWorkersModule,
        // quarterly_report emails carry the report itself (charts, CSV): libs/reports renders them; invitations: libs/workspaces;
        // payout statements: libs/payouts; the portal's sign-in links: libs/portal; a disabled webhook endpoint: libs/events.
        NotificationsWorkerModule.forRoot({
          imports: [ReportMailingModule, WorkspacesModule, PayoutStatementsModule, PortalMailModule, WebhooksWorkerModule],
          contents: [QuarterlyReportEmail, InvitationEmail, PayoutStatementEmail, PortalSignInEmail, WebhookEndpointDisabledEmail],
        }),
        ReportMailingModule,
        RemindersModule,
        CostsAccrualModule,
        RollupsModule,
        // Dispatch after each commit that recorded events (scans, accrual), and the webhook deliveries.
        EventsModule,
        WebhooksWorkerModule,
      ],
      providers: [
        WorkerHealthServer,
        JobSchedules,
        LedgerPartitions,
        LedgerProcessor,
        RemindersProcessor,
        CostsProcessor,
        EventsProcessor,
        NotificationsProcessor,
        ReportsProcessor,
        RollupsProcessor,
      ],
    };
  }
}
