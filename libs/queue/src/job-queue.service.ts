import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, JobsOptions, Queue } from 'bullmq';
import { JobItem, jobIdOf, QueueName, queueOfJob } from './jobs';

/** The one way to enqueue: `add` is typed by the JobItem union and routes each job to its queue. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  add(item: JobItem, options: JobsOptions = {}): Promise<Job> {
    const jobId = jobIdOf(item);
    return this.queue(queueOfJob[item.name]).add(item.name, item.data, { ...(jobId && { jobId }), ...options });
  }

  addBulk(items: JobItem[]): Promise<Job[]> {
    const byQueue = new Map<QueueName, JobItem[]>();
    for (const item of items) byQueue.set(queueOfJob[item.name], [...(byQueue.get(queueOfJob[item.name]) ?? []), item]);
    return Promise.all(
      [...byQueue].map(([queue, jobs]) => this.queue(queue).addBulk(jobs.map((item) => ({ name: item.name, data: item.data, opts: { jobId: jobIdOf(item) } })))),
    ).then((groups) => groups.flat());
  }

  /** Queue reachability for /health: bounded so a dead Redis answers "down" instead of hanging. */
  async ping(timeoutMs = 1_500): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`queue backend did not answer in ${timeoutMs} ms`)), timeoutMs)));
    try {
      await Promise.race([this.queue(QueueName.Notifications).getJobCounts('waiting'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
