import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';

/** A workspace's subscriber. The secrets sign deliveries, so they are kept, but never selected by default. */
@Entity('webhook_endpoints')
export class WebhookEndpoint extends WorkspaceEntity {
  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  description: string | null;

  /** Null: every type of the catalogue (ping excepted, which goes only where it is asked). */
  @Column('text', { array: true, nullable: true })
  eventTypes: string[] | null;

  @Column('boolean')
  enabled: boolean;

  @Column('text', { select: false })
  secret: string;

  @Column('text', { select: false, nullable: true })
  previousSecret: string | null;

  @Column('timestamptz', { nullable: true })
  previousSecretExpiresAt: Date | null;

  /** First failed attempt since the last delivered one; the endpoint is disabled when it is old enough. */
  @Column('timestamptz', { nullable: true })
  failingSince: Date | null;

  @Column('text', { nullable: true })
  disabledReason: string | null;
}
