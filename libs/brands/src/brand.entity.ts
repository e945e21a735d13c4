import { Column, Entity, OneToMany, Relation } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import { BrandManager } from './brand-manager.entity';

@Entity('brands')
export class Brand extends WorkspaceEntity {
  @Column('text')
  name: string;

  /** ISO 4217; the reporting currency of everything the brand spends and earns. */
  @Column('char', { length: 3 })
  currency: string;

  /** IANA zone in which the brand's contract dates and quarters are read. */
  @Column('text')
  timezone: string;

  @Column('smallint')
  fiscalYearStartMonth: number;

  @OneToMany(() => BrandManager, (m) => m.brand, { cascade: false })
  managers?: Relation<BrandManager[]>;
}
