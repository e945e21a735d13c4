import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: who changed what, when. Never updated or deleted by the application. */
@Entity('activity_log')
export class ActivityEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('text')
  entityType: string;

  @Column('uuid')
  entityId: string;

  @Column('uuid', { nullable: true })
  relationshipId: string | null;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('uuid', { nullable: true })
  actorApiKeyId: string | null;

  /** An ambassador acting in the portal. */
  @Column('uuid', { nullable: true })
  actorInfluencerId: string | null;

  @Column('text')
  action: string;

  @Column('jsonb')
  changes: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
