import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { WorkspacesModule } from '@app/workspaces';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { BrandsApiModule } from './brands/brands-api.module';
import { loggerParams } from './core/logger';
import { RequestContextMiddleware } from './core/request-context.middleware';
import { HealthModule } from './health/health.module';
import { MembersController } from './members/members.controller';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
        DatabaseModule,
        QueueModule,
        WorkspacesModule,
        HealthModule,
        BrandsApiModule,
      ],
      controllers: [AuthController, ApiKeysController, MembersController],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
