import { Column, Entity, OneToMany, Relation } from 'typeorm';
import { bigintNumber, WorkspaceEntity } from '@app/database';
import type { Tier } from '../tier';
import { SocialAccount } from './social-account.entity';

@Entity('influencers')
export class Influencer extends WorkspaceEntity {
  @Column('text')
  name: string;

  /** Unique per workspace case-insensitively; the CSV import matches on it. */
  @Column('text', { nullable: true })
  email: string | null;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column('char', { length: 2, nullable: true })
  country: string | null;

  @Column('text', { array: true })
  tags: string[];

  @Column('text', { nullable: true })
  notes: string | null;

  /** Derived from the accounts at every write and stored, so the tier filter is an index scan. */
  @Column('bigint', { transformer: bigintNumber })
  maxFollowers: number;

  @Column('text')
  tier: Tier;

  @OneToMany(() => SocialAccount, (account) => account.influencer)
  socialAccounts?: Relation<SocialAccount[]>;
}
