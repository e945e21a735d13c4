import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@app/database';

@Entity('users')
export class User extends BaseEntity {
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true, select: false })
  passwordHash: string | null;
}
