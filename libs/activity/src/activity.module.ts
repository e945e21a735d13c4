import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityEntry } from './activity-entry.entity';
import { ActivityService } from './activity.service';

@Module({ imports: [TypeOrmModule.forFeature([ActivityEntry])], providers: [ActivityService], exports: [ActivityService] })
export class ActivityModule {}
