import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityEntry } from './activity-entry.entity';
import { ActivityService } from './activity.service';
import { AuditLogReader } from './audit-log.reader';

@Module({
  imports: [TypeOrmModule.forFeature([ActivityEntry])],
  providers: [ActivityService, AuditLogReader],
  exports: [ActivityService, AuditLogReader],
})
export class ActivityModule {}
