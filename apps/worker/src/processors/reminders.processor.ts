import { Injectable } from '@nestjs/common';
import { ContractsRollover, DeliverablesScan, RenewalsScan } from '@app/reminders';
import { JobName, OnJob } from '@app/queue';

/** Thin: the rules live in libs/reminders; each scan is idempotent, so a retry or a second worker is harmless. */
@Injectable()
export class RemindersProcessor {
  constructor(
    private readonly renewals: RenewalsScan,
    private readonly deliverables: DeliverablesScan,
    private readonly rollover: ContractsRollover,
  ) {}

  @OnJob(JobName.RenewalsScan)
  async scanRenewals(): Promise<{ enqueued: number }> {
    return { enqueued: (await this.renewals.run()).length };
  }

  @OnJob(JobName.ContractsRollover)
  async rollContracts(): Promise<{ renewed: number; ended: number }> {
    const report = await this.rollover.run();
    return { renewed: report.renewed.length, ended: report.ended.length };
  }

  @OnJob(JobName.DeliverablesScan)
  async scanDeliverables(): Promise<{ missed: number; enqueued: number }> {
    const { missed, enqueued } = await this.deliverables.run();
    return { missed, enqueued: enqueued.length };
  }
}
