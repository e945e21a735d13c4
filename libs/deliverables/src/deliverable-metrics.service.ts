import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActivityService } from '@app/activity';
import { Clock } from '@app/common';
import { ScopedRepository } from '@app/database';
import { recordEvent } from '@app/events';
import { deliverableMetricsEvent } from './deliverable-events';
import { notInFuture } from './deliverable-rules';
import { DeliverablesException } from './deliverables.exception';
import { DeliverableRepository } from './deliverable.repository';
import { markDeliverableDays } from './deliverable-rollup-days';
import { METRIC_FIELDS, MetricCounts, MetricSnapshot } from './entities/metric-snapshot.entity';

export type MetricsInput = Partial<MetricCounts> & { capturedAt?: Date };

/** Snapshots are appended, never edited: a correction is a newer capture. */
@Injectable()
export class DeliverableMetricsService {
  private readonly snapshots: ScopedRepository<MetricSnapshot>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliverables: DeliverableRepository,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {
    this.snapshots = new ScopedRepository(dataSource, MetricSnapshot, 'Metric snapshot');
  }

  /** Only published deliverables have an audience to measure (409 otherwise); missing counts are 0. */
  async add(deliverableId: string, input: MetricsInput): Promise<MetricSnapshot> {
    const capturedAt = input.capturedAt ?? this.clock.now();
    notInFuture('capturedAt', capturedAt, this.clock.now());
    return this.dataSource.transaction(async (manager) => {
      const deliverable = await this.deliverables.get(deliverableId, undefined, manager);
      if (deliverable.status !== 'published') throw DeliverablesException.notPublished(deliverable.status);
      const counts = Object.fromEntries(METRIC_FIELDS.map((field) => [field, input[field] ?? 0])) as MetricCounts;
      const snapshot = await this.snapshots.save(this.snapshots.create({ ...counts, deliverableId, capturedAt }, manager), manager);
      await markDeliverableDays(manager, [deliverable]);
      await this.activity.record(manager, {
        entityType: 'deliverable',
        entityId: deliverableId,
        relationshipId: deliverable.relationshipId,
        action: 'metrics_added',
        changes: { ...counts, capturedAt },
      });
      await recordEvent(manager, deliverableMetricsEvent(deliverable, capturedAt));
      return snapshot;
    });
  }
}
