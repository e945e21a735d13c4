import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { forgetMarkedDays, takeTouchedRelationships } from './rollup-marks';
import { RollupTrigger } from './rollup-trigger';

/**
 * Enqueues the rollup of every relationship a transaction marked (markRollupDirty), once the outermost
 * transaction has committed: every write path that marks gets its trigger without calling it, and a job
 * never runs before the change it recomputes is visible. A rolled-back transaction enqueues nothing.
 */
@Injectable()
export class RollupCommitListener implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly trigger: RollupTrigger,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A released savepoint is not a commit: the marks wait for the outer transaction.
    if (queryRunner.isTransactionActive) return;
    this.trigger.touch(takeTouchedRelationships(queryRunner));
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    // To a savepoint: the outer transaction may still commit, and touching more than was marked is harmless.
    if (queryRunner.isTransactionActive) forgetMarkedDays(queryRunner);
    else takeTouchedRelationships(queryRunner);
  }
}
