import { Column, Entity, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import { Role } from '@app/common';
import { User } from './user.entity';

@Entity('members')
export class Member extends WorkspaceEntity {
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('text')
  role: Role;
}
