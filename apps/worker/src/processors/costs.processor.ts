import { Injectable } from '@nestjs/common';
import { AccrualReport, CostsAccrual } from '@app/costs';
import { JobName, OnJob } from '@app/queue';

/** Thin: the rules live in libs/costs (accrual); a run writes only what is missing, so retries and reruns are harmless. */
@Injectable()
export class CostsProcessor {
  constructor(private readonly accrual: CostsAccrual) {}

  @OnJob(JobName.CostsAccrue)
  accrue(): Promise<AccrualReport> {
    return this.accrual.run();
  }
}
