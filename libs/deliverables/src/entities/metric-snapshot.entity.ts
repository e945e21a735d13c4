import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '@app/database';

export const METRIC_FIELDS = ['impressions', 'reach', 'views', 'likes', 'comments', 'shares', 'saves', 'clicks'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];
export type MetricCounts = Record<MetricField, number>;

/** Append-only: each capture is a new row and the latest `capturedAt` (then `createdAt`) counts. */
@Entity('metric_snapshots')
export class MetricSnapshot implements MetricCounts {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') workspaceId: string;
  @Column('uuid') deliverableId: string;
  @Column('bigint', { transformer: bigintNumber }) impressions: number;
  @Column('bigint', { transformer: bigintNumber }) reach: number;
  @Column('bigint', { transformer: bigintNumber }) views: number;
  @Column('bigint', { transformer: bigintNumber }) likes: number;
  @Column('bigint', { transformer: bigintNumber }) comments: number;
  @Column('bigint', { transformer: bigintNumber }) shares: number;
  @Column('bigint', { transformer: bigintNumber }) saves: number;
  @Column('bigint', { transformer: bigintNumber }) clicks: number;
  @Column('timestamptz') capturedAt: Date;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
