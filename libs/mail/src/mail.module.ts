import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createMailTransport, MailTransport } from './mail-transport';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

@Global()
@Module({
  providers: [{ provide: MAIL_TRANSPORT, inject: [AppConfig], useFactory: createMailTransport }],
  exports: [MAIL_TRANSPORT],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
