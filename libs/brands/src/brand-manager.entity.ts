import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Brand } from './brand.entity';

/** The users who receive a brand's emails (reminders, quarterly reports). */
@Entity('brand_managers')
export class BrandManager {
  @PrimaryColumn('uuid')
  brandId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Brand, (b) => b.managers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'brand_id' })
  brand?: Relation<Brand>;
}
