import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import { Role } from '@app/common';

@Entity('api_keys')
export class ApiKey extends WorkspaceEntity {
  @Column('text')
  name: string;

  @Column('text')
  role: Role;

  /** The first characters of the key, shown in lists so people can tell keys apart. */
  @Column('text')
  prefix: string;

  @Column('text', { select: false })
  keyHash: string;

  @Column('uuid', { nullable: true })
  createdByUserId: string | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
