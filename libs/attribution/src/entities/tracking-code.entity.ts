import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';

export const TRACKING_CODE_KINDS = ['code', 'link'] as const;
export type TrackingCodeKind = (typeof TRACKING_CODE_KINDS)[number];

/** A discount code or link slug of a relationship; unique per workspace ignoring case, among non-deleted ones. */
@Entity('tracking_codes')
export class TrackingCode extends WorkspaceEntity {
  @Column('uuid') relationshipId: string;
  @Column('text') kind: TrackingCodeKind;
  @Column('text') code: string;
  @Column('text', { nullable: true }) destinationUrl: string | null;
  /** Half-open window [validFrom, validTo); null ends are open. */
  @Column('timestamptz', { nullable: true }) validFrom: Date | null;
  @Column('timestamptz', { nullable: true }) validTo: Date | null;
  /** Soft delete: conversions keep pointing at the code they were attributed by. */
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
}
