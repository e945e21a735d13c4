import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, JobsOptions, Queue } from 'bullmq';
import { JobItem, jobIdOf, jobOptionsOf, QueueName, queueOfJob } from './jobs';

/** A job of addBulk, with its BullMQ priority (1 first; none: before every prioritized job) and a delay (ms) before it runs. */
export type BulkItem = JobItem & { priority?: number; delay?: number };

/**
 * The one way to enqueue: `add` is typed by the JobItem union and routes each job to its queue. It also
 * follows each queue's connection (the backend's ready and close events), so callers that must not wait
 * for a dead backend can tell at once (`tryAdd`, `ping`).
 */
@Injectable()
export class JobQueue implements OnModuleInit {
  private readonly logger = new Logger('JobQueue');
  /** Queues whose last connection event was a close (Redis gone), not a ready. */
  private readonly unreachable = new Set<QueueName>();

  constructor(private readonly moduleRef: ModuleRef) {}

  /** One line when a queue's backend goes and one when it is back, instead of BullMQ's stack trace per reconnection attempt. */
  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.queue(name);
      queue.on('error', (error: Error) => this.isReachable(name) && this.logger.warn(`queue "${name}": ${error.message}`));
      queue.getBackend().on('close', () => {
        if (queue.closing) return;
        if (this.isReachable(name))
          this.logger.warn(`queue "${name}": backend connection lost; enqueueing waits for it (tryAdd refuses) until it is back`);
        this.unreachable.add(name);
      });
      queue.getBackend().on('ready', () => this.unreachable.delete(name) && this.logger.log(`queue "${name}": backend connection is back`));
    }
  }

  /** False while the queue's backend connection is known to be down. */
  isReachable(name: QueueName): boolean {
    return !this.unreachable.has(name);
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  add(item: JobItem, options: JobsOptions = {}): Promise<Job> {
    const jobId = jobIdOf(item);
    return this.queue(queueOfJob[item.name]).add(item.name, item.data, { ...jobOptionsOf(item.name), ...(jobId && { jobId }), ...options });
  }

  /**
   * Enqueues now or fails now, for work that PostgreSQL also records and a scheduled job picks up later
   * (rollup marks and rollups.sweep). `add` waits for a lost backend to come back (its command sits in
   * ioredis' offline queue, one per call, for as long as the outage lasts); this refuses while the backend
   * is known down and gives up after `timeoutMs` on a connection that dropped unnoticed.
   */
  tryAdd(item: JobItem, options: JobsOptions = {}, timeoutMs = 2_000): Promise<Job> {
    const name = queueOfJob[item.name];
    if (!this.isReachable(name)) return Promise.reject(new Error(`queue backend of "${name}" is not connected`));
    return withTimeout(this.add(item, options), timeoutMs, 'queue backend');
  }

  /**
   * Enqueues any number of jobs in chunks, a few chunks in flight: BullMQ adds each job with one Lua call
   * (~15 µs of Redis, ~20 µs of Node here), and with several chunks outstanding Node builds the next while
   * Redis runs the last, on the other core (bench/reminders: 10,000 sends in 0.34–0.39 s instead of
   * 0.48–0.50 s, one chunk of 500 at a time). Callers need not chunk.
   */
  async addBulk(items: BulkItem[], chunkSize = 250, inFlight = 8): Promise<void> {
    const chunks: { queue: QueueName; jobs: BulkItem[] }[] = [];
    const open = new Map<QueueName, BulkItem[]>();
    for (const item of items) {
      const queue = queueOfJob[item.name];
      let jobs = open.get(queue);
      if (!jobs || jobs.length === chunkSize) {
        jobs = [];
        open.set(queue, jobs);
        chunks.push({ queue, jobs });
      }
      jobs.push(item);
    }
    await forEachLimited(chunks, inFlight, async ({ queue, jobs }) => {
      await this.queue(queue).addBulk(
        jobs.map((item) => ({
          name: item.name,
          data: item.data,
          opts: {
            ...jobOptionsOf(item.name),
            jobId: jobIdOf(item),
            ...(item.priority && { priority: item.priority }),
            ...(item.delay && { delay: item.delay }),
          },
        })),
      );
    });
  }

  /**
   * Makes each item's job run again, for work PostgreSQL still records as pending. `add` alone cannot: a
   * deterministic job id still kept as failed (7 days) or completed makes it a no-op, so a send that spent
   * its attempts during a long outage would never run again. Such a job is retried with fresh attempts;
   * a gone job (or an item without an id) is added; a live one (waiting, delayed, active) is left alone.
   */
  async revive(items: JobItem[], concurrency = 16): Promise<void> {
    await forEachLimited(items, concurrency, (item) => this.reviveOne(item));
  }

  private async reviveOne(item: JobItem): Promise<void> {
    const jobId = jobIdOf(item);
    if (!jobId) return void (await this.add(item));
    const queue = this.queue(queueOfJob[item.name]);
    // The job's hash first: one read, where BullMQ's state of a waiting (or gone) job searches the wait and
    // active lists, as long as the backlog, and a backstop may look up a thousand jobs of a long backlog.
    // A live job (waiting, delayed, active) has not finished; a finished one's state is found in its sorted set.
    const job = await queue.getJob(jobId);
    if (!job) return void (await this.add(item));
    if (!job.finishedOn) return;
    const state = await job.getState();
    if (state !== 'failed' && state !== 'completed') return;
    await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(async (error: unknown) => {
      if ((await job.getState()) === state) throw error;
    });
  }

  /** Queue reachability for /health: bounded so a dead Redis answers "down" instead of hanging. */
  async ping(timeoutMs = 1_500): Promise<void> {
    if (!this.isReachable(QueueName.Notifications)) throw new Error('queue backend is not connected');
    await withTimeout(this.queue(QueueName.Notifications).getJobCounts('waiting'), timeoutMs, 'queue backend');
  }
}

/** `work`, or a rejection naming `what` after `timeoutMs`: a dead backend must not hang a probe or a scrape. */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer in ${timeoutMs} ms`)), timeoutMs)),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work` for every item, at most `limit` at a time: thousands of items must not open thousands of commands at once. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
