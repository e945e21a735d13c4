import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { EventsModule } from '@app/events';
import { loggerParams } from '@app/logging';
import { MetricsModule } from '@app/metrics';
import { QueueModule } from '@app/queue';
import { RollupsModule } from '@app/rollups';
import { WorkspacesModule } from '@app/workspaces';
import { ApiKeysApiModule } from './api-keys/api-keys-api.module';
import { AttributionApiModule } from './attribution/attribution-api.module';
import { AuditApiModule } from './audit/audit-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { AuthGuard } from './auth/auth.guard';
import { BrandsApiModule } from './brands/brands-api.module';
import { ContractsApiModule } from './contracts/contracts-api.module';
import { CostsApiModule } from './costs/costs-api.module';
import { IdempotencyInterceptor } from './core/idempotency.interceptor';
import { IdempotencyStore } from './core/idempotency.store';
import { RateLimitModule } from './core/rate-limit/rate-limit.module';
import { RequestContextMiddleware } from './core/request-context.middleware';
import { DeliverablesApiModule } from './deliverables/deliverables-api.module';
import { HealthModule } from './health/health.module';
import { InfluencersApiModule } from './influencers/influencers-api.module';
import { MailOutboxApiModule } from './mail-outbox/mail-outbox-api.module';
import { MembersApiModule } from './members/members-api.module';
import { MetricsApiModule } from './metrics/metrics-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { PayoutsApiModule } from './payouts/payouts-api.module';
import { PortalApiModule } from './portal/portal-api.module';
import { RelationshipsApiModule } from './relationships/relationships-api.module';
import { ReportsApiModule } from './reports/reports-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { WorkspaceApiModule } from './workspace/workspace-api.module';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(env),
        ClockModule,
        LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
        MetricsModule,
        RateLimitModule,
        DatabaseModule,
        QueueModule,
        // Enqueues the rollups of relationships a committed transaction marked dirty.
        RollupsModule,
        // Asks the worker to dispatch the domain events a committed transaction recorded.
        EventsModule,
        WorkspacesModule,
        AuthApiModule,
        ApiKeysApiModule,
        MembersApiModule,
        WorkspaceApiModule,
        MailOutboxApiModule,
        HealthModule,
        MetricsApiModule,
        BrandsApiModule,
        InfluencersApiModule,
        RelationshipsApiModule,
        ContractsApiModule,
        DeliverablesApiModule,
        AttributionApiModule,
        CostsApiModule,
        NotificationsApiModule,
        ReportsApiModule,
        AuditApiModule,
        WebhooksApiModule,
        PayoutsApiModule,
        PortalApiModule,
      ],
      providers: [
        IdempotencyStore,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
