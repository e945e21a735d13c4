import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { NotificationSchedule } from '@app/notifications';
import { ENDPOINT_DISABLED_NOTICE } from './webhook-endpoint-disabled.email';
import { signWebhook } from './webhook-signature';
import { SendResult, WebhookSender } from './webhook-sender';

/** How long a job waits for an earlier delivery of the same subject that was never attempted yet. */
const ORDER_WAIT_MS = 200;

interface DeliveryContext {
  id: string;
  status: string;
  event_id: string;
  event_seq: string;
  subject_id: string;
  type: string;
  occurred_at: Date;
  data: unknown;
  endpoint_id: string;
  url: string;
  enabled: boolean;
  secrets: string[];
  /** An earlier event of the same subject to this endpoint is pending and was never attempted. */
  waiting: boolean;
}

export type DeliveryOutcome = 'delivered' | 'skipped' | 'failed';

/**
 * webhooks.deliver: one attempt of one (endpoint, event). The delivery row decides exactly once: a job run
 * twice (BullMQ is at least once) finds it delivered and skips; two runs at once cannot both claim it. An
 * attempt that fails is recorded and thrown, so BullMQ retries on the webhook schedule.
 */
@Injectable()
export class WebhookDelivery {
  private readonly logger = new Logger('WebhookDelivery');
  /** The retry schedule, for next_attempt_at (the backstop's clue); BullMQ's backoff (the same list) decides when the retry runs. */
  private readonly delays: number[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: WebhookSender,
    private readonly config: AppConfig,
    private readonly schedule: NotificationSchedule,
    private readonly clock: Clock,
  ) {
    this.delays = config.WEBHOOK_RETRY_DELAYS_MS.split(',').map(Number);
  }

  async deliver(endpointId: string, eventId: string, job?: Job): Promise<DeliveryOutcome> {
    const delivery = await this.load(endpointId, eventId);
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    if (!delivery.enabled && delivery.type !== 'ping') {
      await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint disabled' WHERE id = $1`, [
        delivery.id,
      ]);
      return 'failed';
    }
    // In order per subject as far as retries allow: an earlier event of the subject goes first unless it
    // has already failed an attempt (then it retries on its own schedule and must not hold the rest back).
    if (job?.token && delivery.waiting) {
      await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, job.token);
      throw new DelayedError();
    }
    const attempt = await this.claim(delivery.id);
    if (!attempt) {
      // Another run holds it (a stalled job taken over while the first still sends): look again after its lease.
      if (job?.token) {
        await job.moveToDelayed(Date.now() + this.leaseMs(), job.token);
        throw new DelayedError();
      }
      return 'skipped';
    }
    const body = JSON.stringify({ type: delivery.type, timestamp: new Date(delivery.occurred_at).toISOString(), data: delivery.data });
    // Wall time, not the injected clock: receivers compare it with theirs to refuse replays of old messages.
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await this.sender.send(
      delivery.url,
      {
        'content-type': 'application/json',
        'user-agent': 'ambassador-crm-webhooks/1',
        'webhook-id': delivery.event_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(delivery.secrets, delivery.event_id, timestamp, body),
      },
      body,
    );
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const gone = result.status === 410;
    const final = gone || !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const notices = await this.record(delivery, result, { delivered, final, gone, attempt });
    // After the commit; a worker killed before this leaves the row to the notifications' hourly requeue.
    await this.schedule.send(notices);
    if (delivered) return 'delivered';
    if (final) return 'failed';
    throw new Error(`webhook ${delivery.event_id} to endpoint ${endpointId}: ${result.error ?? `answered ${result.status}`}`);
  }

  private leaseMs(): number {
    return this.config.WEBHOOK_TIMEOUT_MS + 5_000;
  }

  /** The delivery with its event, endpoint and order check in one round trip (a delivery's cost is mostly round trips). */
  private async load(endpointId: string, eventId: string): Promise<DeliveryContext | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT d.id, d.status, d.event_id, d.event_seq, d.subject_id, e.type, e.occurred_at, e.data, w.id AS endpoint_id, w.url, w.enabled,
              array_remove(ARRAY[w.secret, CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END], NULL) AS secrets,
              EXISTS (SELECT 1 FROM webhook_deliveries x WHERE x.endpoint_id = d.endpoint_id AND x.subject_id = d.subject_id
                        AND x.status = 'pending' AND x.event_seq < d.event_seq AND x.attempts = 0) AS waiting
       FROM webhook_deliveries d JOIN domain_events e ON e.id = d.event_id JOIN webhook_endpoints w ON w.id = d.endpoint_id
       WHERE d.endpoint_id = $1 AND d.event_id = $2`,
      [endpointId, eventId],
    );
    return row;
  }

  /** Counts the attempt and holds the row for longer than one send can take; the attempt's number, or null when another run holds it. */
  private async claim(id: string): Promise<number | null> {
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, claimed_until = now() + make_interval(secs => $2::double precision / 1000)
       WHERE id = $1 AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < now()) RETURNING attempts`,
      [id, this.leaseMs()],
    );
    return (rows as { attempts: number }[])[0]?.attempts ?? null;
  }

  /**
   * The attempt, the delivery's state and the endpoint's health in one transaction. An endpoint failing every
   * attempt for WEBHOOK_DISABLE_AFTER_HOURS, or answering 410 Gone, is disabled; the UPDATE decides once, and
   * the disabling run alone writes the admins' notice (returned: the notification rows to send after the commit).
   */
  private async record(
    delivery: DeliveryContext,
    result: SendResult,
    { delivered, final, gone, attempt }: { delivered: boolean; final: boolean; gone: boolean; attempt: number },
  ): Promise<string[]> {
    const error = result.error ?? (delivered ? null : `answered ${result.status}`);
    // The attempt and the delivery's state in one statement (atomic without a transaction's extra round trips);
    // a success also ends the endpoint's failing streak.
    const recordAttempt = (manager: DataSource | EntityManager) =>
      manager.query(
        `WITH attempt AS (
           INSERT INTO webhook_delivery_attempts (delivery_id, duration_ms, response_status, response_excerpt, error, delivered)
           VALUES ($1, $7, $2, $8, $3, $4)
         ), streak AS (
           UPDATE webhook_endpoints SET failing_since = NULL WHERE $4 AND id = $9 AND failing_since IS NOT NULL
         )
         UPDATE webhook_deliveries SET claimed_until = NULL, last_attempt_at = now(), last_response_status = $2, last_error = $3,
           status = CASE WHEN $4 THEN 'delivered' WHEN $5 THEN 'failed' ELSE 'pending' END,
           delivered_at = CASE WHEN $4 THEN now() END,
           next_attempt_at = CASE WHEN $4 OR $5 THEN NULL ELSE now() + make_interval(secs => $6::double precision / 1000) END
         WHERE id = $1`,
        [
          delivery.id,
          result.status,
          error,
          delivered,
          final,
          this.delays[Math.min(attempt, this.delays.length) - 1],
          result.durationMs,
          result.excerpt,
          delivery.endpoint_id,
        ],
      );
    if (delivered) {
      await recordAttempt(this.dataSource);
      return [];
    }
    return this.dataSource.transaction(async (manager) => {
      await recordAttempt(manager);
      // Locked first, so of two failures at once the second reads the first's outcome (a RETURNING subquery
      // would read the statement's snapshot and see the endpoint still enabled).
      const [before] = (await manager.query(`SELECT enabled FROM webhook_endpoints WHERE id = $1 FOR UPDATE`, [delivery.endpoint_id])) as {
        enabled: boolean;
      }[];
      if (!before?.enabled) return [];
      const [rows] = await manager.query(
        `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now()),
           enabled = NOT ($2 OR COALESCE(failing_since, now()) < now() - make_interval(hours => $3)),
           disabled_reason = CASE WHEN $2 THEN 'the receiver answered 410 Gone'
             WHEN COALESCE(failing_since, now()) < now() - make_interval(hours => $3) THEN 'every attempt failed for ' || $3 || ' hours'
             ELSE disabled_reason END,
           updated_at = now()
         WHERE id = $1 RETURNING enabled`,
        [delivery.endpoint_id, gone, this.config.WEBHOOK_DISABLE_AFTER_HOURS],
      );
      if ((rows as { enabled: boolean }[])[0]?.enabled !== false) return [];
      this.logger.warn(`webhook endpoint ${delivery.endpoint_id} disabled: ${gone ? '410 Gone' : 'failing too long'}`);
      return this.schedule.insert(ENDPOINT_DISABLED_NOTICE, { id: delivery.endpoint_id, now: this.clock.now() }, manager);
    });
  }
}
