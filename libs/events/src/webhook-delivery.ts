import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { PreparedStatement } from '@app/database';
import { NotificationSchedule } from '@app/notifications';
import { ENDPOINT_DISABLED_NOTICE } from './webhook-endpoint-disabled.email';
import { signWebhook } from './webhook-signature';
import { SendResult, WebhookSender } from './webhook-sender';
import { StatementBatcher } from './statement-batcher';
import { DeliveryJobs, DeliveryLater } from './delivery-jobs';

/** How long a job waits for an earlier delivery of the same subject that was never attempted yet. */
const ORDER_WAIT_MS = 200;
/** Deliveries per claim or record statement, and such statements in flight per worker process at once. */
const BATCH = { maxBatch: 200, parallel: 2 };

/**
 * The claim of a batch of deliveries (see claimBatch): $1 endpoint ids, $2 event ids, $3 ordered flags, $4 lease ms.
 * Prepared, planned once per pooled connection (the generic plan is the custom one): planning this CTE took
 * 0.6–0.9 ms a statement, and a claim of 20 deliveries took 5.2 ms instead of 7.1 (alternated on bench/webhooks'
 * database at load 10; the record below 4.5 instead of 5.2).
 */
const CLAIM = new PreparedStatement<DeliveryContext & { n: string }>(
  'webhooks-claim',
  `WITH input AS (
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[]) WITH ORDINALITY AS i(endpoint_id, event_id, ordered, n)
   ), ctx AS (
     SELECT i.n, d.id, d.status, d.event_id, d.attempts AS attempts_made, e.type, e.occurred_at, e.data, w.id AS endpoint_id, w.url, w.enabled,
            array_remove(ARRAY[w.secret, CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END], NULL) AS secrets,
            i.ordered AND EXISTS (SELECT 1 FROM webhook_deliveries x WHERE x.endpoint_id = d.endpoint_id AND x.subject_id = d.subject_id
                      AND x.status = 'pending' AND x.event_seq < d.event_seq AND x.attempts = 0) AS waiting
     FROM input i JOIN webhook_deliveries d ON d.endpoint_id = i.endpoint_id AND d.event_id = i.event_id
       JOIN domain_events e ON e.id = d.event_id JOIN webhook_endpoints w ON w.id = d.endpoint_id
   ), disabled AS (
     UPDATE webhook_deliveries d SET status = 'failed', last_error = 'endpoint disabled'
     FROM (SELECT DISTINCT id FROM ctx WHERE status = 'pending' AND NOT enabled AND type <> 'ping') x
     WHERE d.id = x.id AND d.status = 'pending'
   ), claimable AS (
     SELECT DISTINCT ON (id) id, n FROM ctx WHERE status = 'pending' AND (enabled OR type = 'ping') AND NOT waiting ORDER BY id, n
   ), claimed AS (
     UPDATE webhook_deliveries d SET attempts = d.attempts + 1, claimed_until = now() + make_interval(secs => $4::double precision / 1000)
     FROM claimable c WHERE d.id = c.id AND d.status = 'pending' AND (d.claimed_until IS NULL OR d.claimed_until < now())
     RETURNING c.n, d.attempts
   )
   SELECT ctx.*, claimed.attempts AS attempt FROM ctx LEFT JOIN claimed USING (n)`,
);
/**
 * Delivered attempts (see recordDelivered): $1 delivery ids, $2 endpoint ids, $3 statuses, $4 durations, $5 excerpts,
 * $6 attempt numbers. A first attempt is kept on the delivery row (`first_attempt_*`, read back as attempt 1 by the
 * API): a row of webhook_delivery_attempts for nearly every delivery was one more insert, two index entries and a
 * foreign-key check. A later attempt has its row, as failed attempts do.
 */
const RECORD_DELIVERED = new PreparedStatement(
  'webhooks-record-delivered',
  `WITH r AS (
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::int[])
       AS r(id, endpoint_id, status, duration_ms, excerpt, attempt)
   ), attempt AS (
     INSERT INTO webhook_delivery_attempts (delivery_id, duration_ms, response_status, response_excerpt, error, delivered)
     SELECT id, duration_ms, status, excerpt, NULL, true FROM r WHERE attempt > 1
   ), streak AS (
     UPDATE webhook_endpoints SET failing_since = NULL WHERE id IN (SELECT endpoint_id FROM r) AND failing_since IS NOT NULL
   )
   UPDATE webhook_deliveries d SET claimed_until = NULL, last_attempt_at = now(), last_response_status = r.status, last_error = NULL,
     status = 'delivered', delivered_at = now(), next_attempt_at = NULL,
     first_attempt_at = CASE WHEN r.attempt = 1 THEN now() ELSE d.first_attempt_at END,
     first_attempt_duration_ms = CASE WHEN r.attempt = 1 THEN r.duration_ms ELSE d.first_attempt_duration_ms END,
     first_attempt_status = CASE WHEN r.attempt = 1 THEN r.status ELSE d.first_attempt_status END,
     first_attempt_excerpt = CASE WHEN r.attempt = 1 THEN r.excerpt ELSE d.first_attempt_excerpt END
   FROM r WHERE d.id = r.id`,
);

interface ClaimRequest {
  endpointId: string;
  eventId: string;
  /** Hold back behind an earlier undelivered event of the subject (only a job can be moved to later). */
  ordered: boolean;
}

interface DeliveryContext {
  id: string;
  status: string;
  event_id: string;
  type: string;
  occurred_at: Date;
  data: unknown;
  endpoint_id: string;
  url: string;
  enabled: boolean;
  secrets: string[];
  /** An earlier event of the same subject to this endpoint is pending and was never attempted. */
  waiting: boolean;
  /** Attempts made before this claim. */
  attempts_made: number;
  /** The attempt's number when this call claimed the delivery; null when it did not (see deliver). */
  attempt: number | null;
}

type ClaimedDelivery = DeliveryContext & { attempt: number };

interface DeliveredRecord {
  id: string;
  endpointId: string;
  attempt: number;
  result: SendResult;
}

export type DeliveryOutcome = 'delivered' | 'skipped' | 'failed';

/**
 * webhooks.deliver: one attempt of one (endpoint, event), or the first attempts of a batch of one endpoint's. The
 * delivery row decides exactly once: a job run twice (BullMQ is at least once) finds it delivered and skips; two
 * runs at once cannot both claim it. An attempt of a delivery's own job that fails is recorded and thrown, so
 * BullMQ retries on the webhook schedule; one of a batch goes on in its own job. A delivered attempt costs two
 * statements, each shared with the other deliveries running in this process at the time (the claim and the
 * record); a failed one records in its own transaction with the endpoint's health.
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
    private readonly deliveryJobs: DeliveryJobs,
  ) {
    this.delays = config.WEBHOOK_RETRY_DELAYS_MS.split(',').map(Number);
  }

  /** A delivery's round trips batched across the jobs running at once in this process: at thousands a second they are its cost. */
  private readonly claims = new StatementBatcher((requests: ClaimRequest[]) => this.claimBatch(requests), BATCH);
  private readonly delivered = new StatementBatcher((records: DeliveredRecord[]) => this.recordDelivered(records), BATCH);

  /** One delivery: its own job (a retry, a replay, a backstop revive, a lone new delivery), or called directly. */
  async deliver(endpointId: string, eventId: string, job?: Job): Promise<DeliveryOutcome> {
    const look = this.look(await this.claims.call({ endpointId, eventId, ordered: Boolean(job?.token) }));
    if (look === 'skipped' || look === 'failed') return look;
    if (look === 'waiting' || look === 'held') {
      // Only a job can be moved to later.
      if (!job?.token) return 'skipped';
      await job.moveToDelayed(Date.now() + this.laterMs(look), job.token);
      throw new DelayedError();
    }
    const before = (job?.data as { attemptsBefore?: number } | undefined)?.attemptsBefore ?? 0;
    const sent = await this.attempt(look, !job || before + job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
    if (sent.outcome) return sent.outcome;
    throw new Error(`webhook ${look.event_id} to endpoint ${endpointId}: ${sent.error}`);
  }

  /**
   * The first attempt of several deliveries of one endpoint (a batch job, in event order): claimed in one statement,
   * sent at once, the delivered ones recorded together. Each that needs another look (a failed attempt to retry, an
   * earlier event of its subject not tried yet, another run's lease) goes on in a job of its own, its webhook-id and
   * its attempts unchanged; the events of a subject stay in order because the claim holds a later one back.
   */
  async deliverBatch(endpointId: string, eventIds: string[], job: Job): Promise<Record<DeliveryOutcome, number>> {
    const later: DeliveryLater[] = [];
    const outcomes: DeliveryOutcome[] = [];
    // In rounds, each claimed just before it is sent (so within its lease): a receiver sees at most this many
    // requests per running job, not the whole batch at once.
    for (let start = 0; start < eventIds.length; start += this.config.WEBHOOK_SENDS_PER_JOB) {
      const round = eventIds.slice(start, start + this.config.WEBHOOK_SENDS_PER_JOB);
      outcomes.push(...(await this.deliverRound(endpointId, round, job.opts.attempts ?? 1, later)));
    }
    await this.deliveryJobs.later(later);
    const counts: Record<DeliveryOutcome, number> = { delivered: 0, skipped: 0, failed: 0 };
    for (const outcome of outcomes) counts[outcome]++;
    return counts;
  }

  private async deliverRound(endpointId: string, eventIds: string[], attempts: number, later: DeliveryLater[]): Promise<DeliveryOutcome[]> {
    const contexts = await this.claims.callAll(eventIds.map((eventId) => ({ endpointId, eventId, ordered: true })));
    return Promise.all(
      contexts.map(async (context, i): Promise<DeliveryOutcome> => {
        const look = this.look(context);
        if (look === 'skipped' || look === 'failed') return look;
        if (look === 'waiting' || look === 'held') {
          later.push({ endpointId, eventId: eventIds[i], delay: this.laterMs(look), attemptsBefore: context!.attempts_made });
          return 'skipped';
        }
        const sent = await this.attempt(look, look.attempt >= attempts);
        if (sent.outcome) return sent.outcome;
        later.push({
          endpointId,
          eventId: eventIds[i],
          delay: this.delays[Math.min(look.attempt, this.delays.length) - 1],
          attemptsBefore: look.attempt,
        });
        return 'failed';
      }),
    );
  }

  /** What a claim found: nothing to do, a delivery to look at again later, or a delivery this run claimed. */
  private look(delivery: DeliveryContext | undefined): 'skipped' | 'failed' | 'waiting' | 'held' | ClaimedDelivery {
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    // Marked failed by the claim statement.
    if (!delivery.enabled && delivery.type !== 'ping') return 'failed';
    // In order per subject as far as retries allow: an earlier event of the subject goes first unless it
    // has already failed an attempt (then it retries on its own schedule and must not hold the rest back).
    if (delivery.waiting) return 'waiting';
    if (delivery.attempt === null) return 'held';
    return delivery as ClaimedDelivery;
  }

  /** Held by another run (a stalled job taken over while the first still sends): look again after its lease. */
  private laterMs(look: 'waiting' | 'held'): number {
    return look === 'waiting' ? ORDER_WAIT_MS : this.leaseMs();
  }

  /** Sends a claimed delivery and records the attempt; a failure to retry (not `lastTry`, not 410) answers its error. */
  private async attempt(delivery: ClaimedDelivery, lastTry: boolean): Promise<{ outcome?: DeliveryOutcome; error?: string }> {
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
    const final = gone || lastTry;
    const notices = await this.record(delivery, result, { delivered, final, gone, attempt: delivery.attempt });
    // After the commit; a worker killed before this leaves the row to the notifications' hourly requeue.
    await this.schedule.send(notices);
    if (delivered) return { outcome: 'delivered' };
    if (final) return { outcome: 'failed' };
    return { error: result.error ?? `answered ${result.status}` };
  }

  private leaseMs(): number {
    return this.config.WEBHOOK_TIMEOUT_MS + 5_000;
  }

  /**
   * One statement for the calls of a batch: each delivery with its event, endpoint and order check, marked failed
   * when its endpoint is disabled, and claimed when it is free (pending, no earlier event of its subject to wait
   * for, no other run's lease): the attempt counted and the row held for longer than one send can take. Of two
   * calls for one delivery in a batch the first may claim; the row's own conditions, checked again on the row
   * being updated, keep two statements at once from both claiming it.
   */
  private async claimBatch(requests: ClaimRequest[]): Promise<(DeliveryContext | undefined)[]> {
    const { rows } = await CLAIM.run(this.dataSource, [
      requests.map((r) => r.endpointId),
      requests.map((r) => r.eventId),
      requests.map((r) => r.ordered),
      this.leaseMs(),
    ]);
    const byOrdinal = new Map(rows.map((row) => [Number(row.n), row]));
    return requests.map((_, i) => byOrdinal.get(i + 1));
  }

  /** Delivered attempts of a batch: each attempt (a first one on its row), its delivery's state, and the end of its endpoint's failing streak. */
  private async recordDelivered(records: DeliveredRecord[]): Promise<void[]> {
    await RECORD_DELIVERED.run(this.dataSource, [
      records.map((r) => r.id),
      records.map((r) => r.endpointId),
      records.map((r) => r.result.status),
      records.map((r) => r.result.durationMs),
      records.map((r) => r.result.excerpt),
      records.map((r) => r.attempt),
    ]);
    return records.map(() => undefined);
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
    if (delivered) {
      await this.delivered.call({ id: delivery.id, endpointId: delivery.endpoint_id, attempt, result });
      return [];
    }
    const error = result.error ?? `answered ${result.status}`;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `WITH attempt AS (
           INSERT INTO webhook_delivery_attempts (delivery_id, duration_ms, response_status, response_excerpt, error, delivered)
           VALUES ($1, $5, $2, $6, $3, false)
         )
         UPDATE webhook_deliveries SET claimed_until = NULL, last_attempt_at = now(), last_response_status = $2, last_error = $3,
           status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END, delivered_at = NULL,
           next_attempt_at = CASE WHEN $4 THEN NULL ELSE now() + make_interval(secs => $7::double precision / 1000) END
         WHERE id = $1`,
        [
          delivery.id,
          result.status,
          error,
          final,
          result.durationMs,
          result.excerpt,
          this.delays[Math.min(attempt, this.delays.length) - 1],
        ],
      );
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
