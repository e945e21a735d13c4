import { Module } from '@nestjs/common';
import { ActivityModule } from '@app/activity';
import { AuditLogController } from './audit-log.controller';

@Module({ imports: [ActivityModule], controllers: [AuditLogController] })
export class AuditApiModule {}
