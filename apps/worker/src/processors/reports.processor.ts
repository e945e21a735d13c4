import { Injectable } from '@nestjs/common';
import { JobData, JobName, OnJob } from '@app/queue';
import { MailOutcome, QuarterCloseScan, QuarterlyReportMailer } from '@app/reports';

/** Thin: the rules live in libs/reports (mailing/); the scan and the job are idempotent, so a retry or a second worker is harmless. */
@Injectable()
export class ReportsProcessor {
  constructor(
    private readonly scan: QuarterCloseScan,
    private readonly mailer: QuarterlyReportMailer,
  ) {}

  @OnJob(JobName.ReportsScan)
  scanQuarterClose(): Promise<{ enqueued: number }> {
    return this.scan.run();
  }

  @OnJob(JobName.ReportsQuarterly)
  mailReport(data: JobData<JobName.ReportsQuarterly>): Promise<MailOutcome> {
    return this.mailer.run(data);
  }
}
