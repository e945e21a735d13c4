import { Module } from '@nestjs/common';
import { WorkspacesModule } from '@app/workspaces';
import { MailOutboxController } from './mail-outbox.controller';
import { MailOutboxService } from './mail-outbox.service';

@Module({ imports: [WorkspacesModule], controllers: [MailOutboxController], providers: [MailOutboxService] })
export class MailOutboxApiModule {}
