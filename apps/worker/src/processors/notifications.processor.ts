import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { NotificationSender, SendOutcome } from '@app/notifications';
import { JobData, JobName, OnJob } from '@app/queue';

type SendJob = Job<JobData<JobName.NotificationsSend>, unknown, JobName.NotificationsSend>;

/** Thin: libs/notifications claims the row, renders and sends; the claim makes a second delivery of the job a no-op. */
@Injectable()
export class NotificationsProcessor {
  constructor(private readonly sender: NotificationSender) {}

  @OnJob(JobName.NotificationsSend)
  send(data: JobData<JobName.NotificationsSend>, job: SendJob): Promise<SendOutcome> {
    return this.sender.send(data, job);
  }
}
