import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService, diff } from '@app/activity';
import { Clock, decodeCursor, NotFoundException, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { ScopedRepository } from '@app/database';
import { DeliveryJobs } from './delivery-jobs';
import { EventsException } from './events.exception';
import { recordEvent } from './record-events';
import { HostResolver, refusedUrlReason } from './url-policy';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { generateWebhookSecret } from './webhook-signature';

/** How long the secret replaced by a rotation still signs deliveries beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 3600 * 1000;

export interface EndpointInput {
  url: string;
  description?: string | null;
  /** Omitted or null: every type. */
  eventTypes?: string[] | null;
  enabled?: boolean;
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: Date | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface AttemptRow {
  attemptedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  delivered: boolean;
}

/** Replays ask for at most this many events at once; a receiver wanting more replays again from the last one's time. */
export const MAX_REPLAY = 10_000;

/** The endpoints API (admin): subscribers, their secrets, their deliveries, retries and replays. */
@Injectable()
export class WebhookEndpointsService {
  private readonly endpoints: ScopedRepository<WebhookEndpoint>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly resolver: HostResolver,
    private readonly deliveryJobs: DeliveryJobs,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
  ) {
    this.endpoints = new ScopedRepository(dataSource, WebhookEndpoint, 'Webhook endpoint');
  }

  /** The secret is returned here and on rotation only (the audit entry says it was set, never what it is). */
  async create(input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await this.checkUrl(input.url);
    const secret = generateWebhookSecret();
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const saved = await this.endpoints.save(
        this.endpoints.create(
          {
            url: input.url,
            description: input.description ?? null,
            eventTypes: normalizeTypes(input.eventTypes),
            enabled: input.enabled ?? true,
            secret,
          },
          manager,
        ),
        manager,
      );
      await this.audit(manager, saved.id, 'created', {
        url: saved.url,
        description: saved.description,
        eventTypes: saved.eventTypes,
        enabled: saved.enabled,
      });
      return saved;
    });
    return { endpoint: await this.get(endpoint.id), secret };
  }

  list(limit: number, cursor?: string): Promise<WebhookEndpoint[]> {
    const after = decodeCursor(cursor);
    const query = this.endpoints
      .query('e')
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit + 1);
    if (after) query.andWhere('(e.createdAt, e.id) < (:createdAt, :id)', after);
    return query.getMany();
  }

  get(id: string): Promise<WebhookEndpoint> {
    return this.endpoints.get(id);
  }

  /** Enabling an endpoint (again) forgets its failures: the 5-day clock starts anew. */
  async update(id: string, input: Partial<EndpointInput>): Promise<WebhookEndpoint> {
    if (input.url !== undefined) await this.checkUrl(input.url);
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.getForUpdate(manager, id);
      const reenabled = input.enabled === true && !endpoint.enabled;
      const changes = {
        ...(input.url !== undefined && { url: input.url }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.eventTypes !== undefined && { eventTypes: normalizeTypes(input.eventTypes) }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
      };
      await this.endpoints.repo(manager).update(this.endpoints.where({ id }), {
        ...changes,
        ...(reenabled && { failingSince: null, disabledReason: null }),
      });
      const changed = diff(endpoint, changes);
      if (Object.keys(changed).length) await this.audit(manager, id, 'updated', changed);
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpoints.getForUpdate(manager, id);
      await this.endpoints.remove(id, manager);
      await this.audit(manager, id, 'deleted', { url: endpoint.url, description: endpoint.description });
    });
  }

  /** A new secret signs from now on; the old one signs beside it for SECRET_OVERLAP_MS, so receivers can switch without a gap. */
  async rotateSecret(id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const secret = generateWebhookSecret();
    const expiresAt = new Date(this.clock.now().getTime() + SECRET_OVERLAP_MS);
    await this.dataSource.transaction(async (manager) => {
      const [rotated] = await manager.query(
        `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = $3, secret = $4, updated_at = now()
         WHERE id = $1 AND workspace_id = $2 RETURNING id`,
        [id, RequestContext.workspaceId(), expiresAt, secret],
      );
      if (!rotated.length) throw new NotFoundException('Webhook endpoint', id);
      await this.audit(manager, id, 'secret_rotated', { previousSecretExpiresAt: expiresAt });
    });
    return { endpoint: await this.get(id), secret };
  }

  /** A `ping` event to this endpoint alone (even a disabled one: that is how one checks a receiver before enabling it). */
  async ping(id: string): Promise<DeliveryRow> {
    await this.get(id);
    const eventId = await this.dataSource.transaction(async (manager) => {
      // The dispatcher marks a ping dispatched without fanning it out: it goes to this endpoint alone.
      const event = await recordEvent(manager, { type: 'ping', subjectType: 'webhook_endpoint', subjectId: id, data: { endpointId: id } });
      await manager.query(
        `INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event_id, event_seq, subject_id) VALUES ($1, $2, $3, $4, $2)`,
        [event.workspaceId, id, event.id, event.seq],
      );
      return event.id;
    });
    await this.deliveryJobs.enqueue([{ endpointId: id, eventId }]);
    return (await this.deliveryRows('d.endpoint_id = $2 AND d.event_id = $3', [id, eventId], 1))[0];
  }

  async deliveries(endpointId: string, limit: number, cursor?: string): Promise<DeliveryRow[]> {
    await this.get(endpointId);
    const after = decodeCursor(cursor);
    return after
      ? this.deliveryRows('d.endpoint_id = $2 AND (d.created_at, d.id) < ($3, $4)', [endpointId, after.createdAt, after.id], limit + 1)
      : this.deliveryRows('d.endpoint_id = $2', [endpointId], limit + 1);
  }

  /** One delivery with every attempt, oldest first. */
  async delivery(id: string): Promise<DeliveryRow & { attemptList: AttemptRow[] }> {
    const [row] = await this.deliveryRows('d.id = $2', [id], 1);
    if (!row) throw new NotFoundException('Webhook delivery', id);
    // A first attempt that succeeded is kept on the delivery row (migration 1795664000000), the others in rows.
    const attemptList: AttemptRow[] = await this.dataSource.query(
      `SELECT "attemptedAt", "durationMs", "responseStatus", "responseExcerpt", error, delivered FROM (
         SELECT first_attempt_at AS "attemptedAt", first_attempt_duration_ms AS "durationMs", first_attempt_status AS "responseStatus",
                first_attempt_excerpt AS "responseExcerpt", NULL AS error, true AS delivered, NULL::uuid AS id
         FROM webhook_deliveries WHERE id = $1 AND first_attempt_at IS NOT NULL
         UNION ALL
         SELECT attempted_at, duration_ms, response_status, response_excerpt, error, delivered, id
         FROM webhook_delivery_attempts WHERE delivery_id = $1
       ) a ORDER BY "attemptedAt", id NULLS FIRST`,
      [id],
    );
    return { ...row, attemptList };
  }

  /** Delivers again now, with a fresh set of attempts, whatever became of it (delivered, failed or still retrying). */
  async retryDelivery(deliveryId: string): Promise<DeliveryRow> {
    const [rows] = await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', claimed_until = NULL, next_attempt_at = NULL
       WHERE id = $1 AND workspace_id = $2 RETURNING endpoint_id, event_id`,
      [deliveryId, RequestContext.workspaceId()],
    );
    if (!rows.length) throw new NotFoundException('Webhook delivery', deliveryId);
    await this.deliveryJobs.revive([{ endpointId: rows[0].endpoint_id, eventId: rows[0].event_id }]);
    return (await this.deliveryRows('d.id = $2', [deliveryId], 1))[0];
  }

  /**
   * Delivers again every event of the workspace since `since` that the endpoint subscribes to, in event
   * order (at most MAX_REPLAY; dispatched events are kept EVENTS_RETENTION_DAYS). Each keeps its event id,
   * so a receiver that deduplicates on webhook-id ignores what it already has.
   */
  async replay(endpointId: string, since: Date): Promise<{ replayed: number }> {
    const endpoint = await this.get(endpointId);
    const rows: { event_id: string; event_seq: string }[] = await this.dataSource.query(
      `INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event_id, event_seq, subject_id)
       SELECT e.workspace_id, $2, e.id, e.seq, e.subject_id FROM domain_events e
       WHERE e.workspace_id = $1 AND e.occurred_at >= $3 AND e.type <> 'ping' AND ($4::text[] IS NULL OR e.type = ANY($4))
       ORDER BY e.seq LIMIT ${MAX_REPLAY}
       ON CONFLICT (endpoint_id, event_id) DO UPDATE SET status = 'pending', claimed_until = NULL, next_attempt_at = NULL
       RETURNING event_id, event_seq`,
      [RequestContext.workspaceId(), endpointId, since, endpoint.eventTypes],
    );
    rows.sort((a, b) => Number(a.event_seq) - Number(b.event_seq));
    await this.deliveryJobs.revive(rows.map((r) => ({ endpointId, eventId: r.event_id })));
    return { replayed: rows.length };
  }

  /** The audit log's entry of an endpoint change, in its transaction; never a secret (ActivityService redacts any that slipped in). */
  private audit(manager: EntityManager, id: string, action: string, changes: Record<string, unknown>): Promise<void> {
    return this.activity.record(manager, { entityType: 'webhook_endpoint', entityId: id, action, changes });
  }

  private async checkUrl(url: string): Promise<void> {
    const reason = await refusedUrlReason(url, this.config.WEBHOOK_ALLOW_PRIVATE_URLS!, this.resolver);
    if (reason) throw EventsException.urlRefused(reason);
  }

  private async deliveryRows(where: string, params: unknown[], limit: number): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT d.id, d.endpoint_id AS "endpointId", d.event_id AS "eventId", e.type AS "eventType", d.status, d.attempts,
              d.last_attempt_at AS "lastAttemptAt", d.last_response_status AS "lastResponseStatus", d.last_error AS "lastError",
              CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS "nextAttemptAt", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"
       FROM webhook_deliveries d JOIN domain_events e ON e.id = d.event_id
       WHERE d.workspace_id = $1 AND ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}`,
      [RequestContext.workspaceId(), ...params],
    );
  }
}

/** Sorted and deduplicated, so the stored list reads the same however it was given. */
function normalizeTypes(types: string[] | null | undefined): string[] | null {
  return types ? [...new Set(types)].sort() : null;
}
