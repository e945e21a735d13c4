import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { countNumber } from './count.transformer';

export const METRIC_FIELDS = ['impressions', 'reach', 'views', 'likes', 'comments', 'shares', 'saves', 'clicks'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];
export type MetricCounts = Record<MetricField, number>;

/** Append-only: each capture is a new row and the latest `capturedAt` (then `createdAt`) counts. */
@Entity('metric_snapshots')
export class MetricSnapshot implements MetricCounts {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') workspaceId: string;
  @Column('uuid') deliverableId: string;
  @Column('bigint', { transformer: countNumber }) impressions: number;
  @Column('bigint', { transformer: countNumber }) reach: number;
  @Column('bigint', { transformer: countNumber }) views: number;
  @Column('bigint', { transformer: countNumber }) likes: number;
  @Column('bigint', { transformer: countNumber }) comments: number;
  @Column('bigint', { transformer: countNumber }) shares: number;
  @Column('bigint', { transformer: countNumber }) saves: number;
  @Column('bigint', { transformer: countNumber }) clicks: number;
  @Column('timestamptz') capturedAt: Date;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
