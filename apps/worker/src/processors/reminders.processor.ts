import { Injectable } from '@nestjs/common';
import { ContractsRollover, DeliverablesScan, RenewalsScan } from '@app/reminders';
import { NotificationsService } from '@app/notifications';
import { JobName, OnJob } from '@app/queue';

/** Thin: the rules live in libs/reminders; each scan is idempotent, so a retry or a second worker is harmless. */
@Injectable()
export class RemindersProcessor {
  constructor(
    private readonly renewals: RenewalsScan,
    private readonly deliverables: DeliverablesScan,
    private readonly rollover: ContractsRollover,
    private readonly notifications: NotificationsService,
  ) {}

  @OnJob(JobName.RenewalsScan)
  async scanRenewals(): Promise<{ enqueued: number; requeued: number }> {
    const enqueued = (await this.renewals.run()).length;
    // Hourly is often enough to pick up sends stranded by a crash between a commit and its enqueue.
    return { enqueued, requeued: await this.notifications.requeueStranded() };
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
