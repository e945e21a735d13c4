import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';

const CHUNK = 10_000;

/**
 * events.retention (daily): dispatched events older than EVENTS_RETENTION_DAYS go, with their deliveries and
 * attempts (cascade), in chunks so no statement holds locks for long. A delivery still pending keeps its event.
 */
@Injectable()
export class EventsRetention {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ deleted: number }> {
    let deleted = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM domain_events WHERE id IN (
           SELECT e.id FROM domain_events e
           WHERE e.dispatched_at < now() - make_interval(days => $1)
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
           LIMIT ${CHUNK})`,
        [this.config.EVENTS_RETENTION_DAYS],
      )) as [unknown, number];
      deleted += count;
      if (count < CHUNK) return { deleted };
    }
  }
}
