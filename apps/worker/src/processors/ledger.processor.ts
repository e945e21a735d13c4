import { Injectable } from '@nestjs/common';
import { LedgerPartitions, LedgerPartitionsReport } from '@app/database';
import { JobName, OnJob } from '@app/queue';

/** Thin: libs/database creates the ledger's monthly partitions ahead; a rerun creates nothing. */
@Injectable()
export class LedgerProcessor {
  constructor(private readonly partitions: LedgerPartitions) {}

  @OnJob(JobName.LedgerPartitions)
  ensure(): Promise<LedgerPartitionsReport> {
    return this.partitions.run();
  }
}
