import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import { Role } from '@app/common';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

/** An emailed offer to join a workspace; the person becomes a member only by accepting it (docs/security.md). */
@Entity('invitations')
export class Invitation extends WorkspaceEntity {
  @Column('text')
  email: string;

  @Column('text')
  role: Role;

  @Column('text')
  status: InvitationStatus;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('uuid', { nullable: true })
  invitedByUserId: string | null;

  @Column('uuid', { nullable: true })
  acceptedByUserId: string | null;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
