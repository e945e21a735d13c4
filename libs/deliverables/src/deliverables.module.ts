import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { CostsModule } from '@app/costs';
import { InfluencersModule } from '@app/influencers';
import { NotificationsModule } from '@app/notifications';
import { Deliverable } from './entities/deliverable.entity';
import { MetricSnapshot } from './entities/metric-snapshot.entity';
import { DeliverableMetricsService } from './deliverable-metrics.service';
import { DeliverableRepository } from './deliverable.repository';
import { DeliverableWorkflow } from './deliverable-workflow.service';
import { DeliverablesService } from './deliverables.service';
import { MarkMissedDeliverables } from './use-cases/mark-missed';

const exported = [DeliverablesService, DeliverableWorkflow, DeliverableMetricsService, MarkMissedDeliverables];

@Module({
  imports: [TypeOrmModule.forFeature([Deliverable, MetricSnapshot]), ActivityModule, CostsModule, InfluencersModule, NotificationsModule],
  providers: [...exported, DeliverableRepository],
  exports: exported,
})
export class DeliverablesModule {}
