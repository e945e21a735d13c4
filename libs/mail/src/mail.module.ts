import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AppMetrics, MetricsModule } from '@app/metrics';
import { countedTransport } from './counted-transport';
import { createMailTransport, MailTransport } from './mail-transport';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

@Global()
@Module({
  imports: [MetricsModule],
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [AppConfig, AppMetrics],
      useFactory: (config: AppConfig, metrics: AppMetrics) => countedTransport(createMailTransport(config), metrics),
    },
  ],
  exports: [MAIL_TRANSPORT],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
