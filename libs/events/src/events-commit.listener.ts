import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { JobName, JobQueue, QueueName } from '@app/queue';
import { takeRecordedEvents } from './record-events';

/**
 * Asks the worker to dispatch once the outermost transaction that recorded events has committed, so the
 * dispatcher never looks before they are visible. Best effort: the scheduled events.dispatch (every few
 * seconds) picks up whatever a lost trigger left, and the events themselves are safe in PostgreSQL.
 */
@Injectable()
export class EventsCommitListener implements EntitySubscriberInterface {
  private readonly logger = new Logger('EventsCommitListener');

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A released savepoint is not a commit.
    if (queryRunner.isTransactionActive || !takeRecordedEvents(queryRunner)) return;
    if (!this.jobs.isReachable(QueueName.Events)) return;
    // One pending dispatch at a time; a commit during a running dispatch keeps one follow-up, as that run
    // may have read the outbox before this commit.
    this.jobs
      .tryAdd({ name: JobName.EventsDispatch, data: {} }, { deduplication: { id: 'events-dispatch', keepLastIfActive: true } })
      .catch((error: Error) => this.logger.warn(`events.dispatch not enqueued (the scheduled one will run): ${error.message}`));
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    // Rolled back to a savepoint: the outer transaction may still commit what it recorded before.
    if (!queryRunner.isTransactionActive) takeRecordedEvents(queryRunner);
  }
}
