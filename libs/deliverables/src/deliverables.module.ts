import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { CostsModule } from '@app/costs';
import { Influencer, SocialAccount } from '@app/influencers';
import { Deliverable } from './entities/deliverable.entity';
import { MetricSnapshot } from './entities/metric-snapshot.entity';
import { DeliverableMetricsService } from './deliverable-metrics.service';
import { DeliverableRepository } from './deliverable.repository';
import { DeliverableWorkflow } from './deliverable-workflow.service';
import { DeliverablesService } from './deliverables.service';

const exported = [DeliverablesService, DeliverableWorkflow, DeliverableMetricsService];

/** Social accounts are read (never written) here: the audience a deliverable was published to. */
@Module({
  imports: [TypeOrmModule.forFeature([Deliverable, MetricSnapshot, SocialAccount, Influencer]), ActivityModule, CostsModule],
  providers: [...exported, DeliverableRepository],
  exports: exported,
})
export class DeliverablesModule {}
