import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CostKind } from './cost-rules';

/**
 * One ledger row of what a relationship cost. Append-only: no updated_at, never updated or deleted by
 * the application; a correction is a new negative `other` entry (docs/costs.md).
 */
@Entity('cost_entries')
export class CostEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') workspaceId: string;
  @Column('uuid') relationshipId: string;
  /** The term it accrued under (retainer, deliverable fee, commission); null for hand-entered costs. */
  @Column('uuid', { nullable: true }) contractId: string | null;
  @Column('text') kind: CostKind;
  /** numeric(20,4) as a decimal string, in the brand's currency; negative only for corrections. */
  @Column('numeric', { precision: 20, scale: 4 }) amount: string;
  @Column('char', { length: 3 }) currency: string;
  /** Calendar date in the brand's time zone: the day the rollups count it on. Part of the primary key (id, incurred_on): the table is partitioned by its month. */
  @PrimaryColumn('date') incurredOn: string;
  /** What caused it (the deliverable of a fee, the conversion of a commission): unique per kind (claimed in cost_entry_sources). */
  @Column('uuid', { nullable: true }) sourceId: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('uuid', { nullable: true }) createdByUserId: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
