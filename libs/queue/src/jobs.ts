import { JobsOptions } from 'bullmq';

export enum QueueName {
  Scheduled = 'scheduled',
  Notifications = 'notifications',
  Rollups = 'rollups',
  Reports = 'reports',
  /** The outbox dispatcher alone: never behind thousands of deliveries. */
  Events = 'events',
  Webhooks = 'webhooks',
}

export enum JobName {
  RenewalsScan = 'renewals.scan',
  ContractsRollover = 'contracts.rollover',
  DeliverablesScan = 'deliverables.scan',
  CostsAccrue = 'costs.accrue',
  RollupsReconcile = 'rollups.reconcile',
  NotificationsSend = 'notifications.send',
  RollupsRelationship = 'rollups.relationship',
  RollupsSweep = 'rollups.sweep',
  ReportsQuarterly = 'reports.quarterly',
  ReportsScan = 'reports.scan',
  EventsDispatch = 'events.dispatch',
  EventsRetention = 'events.retention',
  LedgerPartitions = 'ledger.partitions',
  WebhooksDeliver = 'webhooks.deliver',
}

/** Payloads carry ids only; a handler re-reads its rows and skips what is gone or already done. */
export type JobItem =
  | { name: JobName.RenewalsScan; data: Record<string, never> }
  | { name: JobName.ContractsRollover; data: Record<string, never> }
  | { name: JobName.DeliverablesScan; data: Record<string, never> }
  | { name: JobName.CostsAccrue; data: Record<string, never> }
  | { name: JobName.RollupsReconcile; data: Record<string, never> }
  | { name: JobName.NotificationsSend; data: { notificationId: string } }
  | { name: JobName.RollupsRelationship; data: { relationshipId: string } }
  | { name: JobName.RollupsSweep; data: Record<string, never> }
  // requestId: set by POST /v1/reports/quarterly/send (a fresh one per request), absent on the scheduled close email.
  | { name: JobName.ReportsQuarterly; data: { brandId: string; quarter: string; requestId?: string } }
  | { name: JobName.ReportsScan; data: Record<string, never> }
  | { name: JobName.EventsDispatch; data: Record<string, never> }
  | { name: JobName.EventsRetention; data: Record<string, never> }
  | { name: JobName.LedgerPartitions; data: Record<string, never> }
  // One delivery (attemptsBefore: attempts it had in a batch job before this job took it over), or the first
  // attempt of several of one endpoint's deliveries, in event order.
  | {
      name: JobName.WebhooksDeliver;
      data: { endpointId: string; eventId: string; attemptsBefore?: number } | { endpointId: string; eventIds: string[] };
    };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

export const queueOfJob: Record<JobName, QueueName> = {
  [JobName.RenewalsScan]: QueueName.Scheduled,
  [JobName.ContractsRollover]: QueueName.Scheduled,
  [JobName.DeliverablesScan]: QueueName.Scheduled,
  [JobName.CostsAccrue]: QueueName.Scheduled,
  [JobName.RollupsReconcile]: QueueName.Scheduled,
  [JobName.NotificationsSend]: QueueName.Notifications,
  [JobName.RollupsRelationship]: QueueName.Rollups,
  // With the rollup jobs, not behind the hourly scans or the nightly reconcile on the scheduled queue.
  [JobName.RollupsSweep]: QueueName.Rollups,
  [JobName.ReportsQuarterly]: QueueName.Reports,
  [JobName.ReportsScan]: QueueName.Scheduled,
  [JobName.EventsDispatch]: QueueName.Events,
  [JobName.EventsRetention]: QueueName.Scheduled,
  [JobName.LedgerPartitions]: QueueName.Scheduled,
  [JobName.WebhooksDeliver]: QueueName.Webhooks,
};

/**
 * Deterministic ids for jobs that must exist once (BullMQ ignores an add whose id exists). `-` joins the
 * parts because `:` is the key separator in BullMQ's Redis keys.
 */
export function jobIdOf(item: JobItem): string | undefined {
  switch (item.name) {
    case JobName.NotificationsSend:
      return `notification-${item.data.notificationId}`;
    case JobName.ReportsQuarterly:
      return `quarterly-report-${item.data.brandId}-${item.data.quarter}${item.data.requestId ? `-${item.data.requestId}` : ''}`;
    // One delivery job per (endpoint, event), however often the dispatcher or a retry asks for it.
    // A batch by its first event: each delivery is created once, so that event starts one batch only.
    case JobName.WebhooksDeliver:
      return 'eventIds' in item.data
        ? `whb-${item.data.endpointId}-${item.data.eventIds[0]}`
        : `wh-${item.data.endpointId}-${item.data.eventId}`;
    default:
      return undefined;
  }
}

/** Retries with backoff and bounded retention: failed jobs stay visible a week, never fill Redis. */
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

/** The webhook schedule (WEBHOOK_RETRY_DELAYS_MS) replaces the exponential backoff: see webhookBackoff in job-workers. */
export const WEBHOOK_BACKOFF = 'webhook';

/** Options a job name always has, whoever enqueues it (a first add, a revive). */
export function jobOptionsOf(name: JobName): JobsOptions {
  return name === JobName.WebhooksDeliver ? { backoff: { type: WEBHOOK_BACKOFF } } : {};
}

/** defaultJobOptions with the configured first backoff delay (JOB_BACKOFF_MS). */
export function jobOptionsWithBackoff(backoffMs: number): JobsOptions {
  return { ...defaultJobOptions, backoff: { type: 'exponential', delay: backoffMs } };
}
