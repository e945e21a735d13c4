import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '@app/activity';
import { RequestContext, Role, roleAtLeast } from '@app/common';
import { ScopedRepository } from '@app/database';
import { Member } from '../entities/member.entity';
import { User } from '../entities/user.entity';
import { WorkspacesErrorCode, WorkspacesException } from '../workspaces.exception';
import { assertCanGrant } from './grants';

@Injectable()
export class MembersService {
  private readonly members: ScopedRepository<Member>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {
    this.members = new ScopedRepository(dataSource, Member, 'Member');
  }

  list(): Promise<Member[]> {
    return this.members.find({ relations: { user: true }, order: { createdAt: 'ASC' } });
  }

  get(id: string): Promise<Member> {
    return this.members.get(id, { user: true });
  }

  async changeRole(id: string, role: Role): Promise<Member> {
    assertCanGrant(role);
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.getForUpdate(manager, id);
      this.assertCanManage(member);
      if (member.role === Role.Owner && role !== Role.Owner) await this.assertAnotherOwner(manager, member.id);
      if (member.role === role) return;
      await this.activity.record(manager, {
        entityType: 'member',
        entityId: id,
        action: 'role_changed',
        changes: { userId: member.userId, role: { from: member.role, to: role } },
      });
      member.role = role;
      await this.members.save(member, manager);
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.getForUpdate(manager, id);
      this.assertCanManage(member);
      if (member.role === Role.Owner) await this.assertAnotherOwner(manager, member.id);
      await this.members.remove(id, manager);
      // The email is kept in the entry: the member row is gone, and the log must still say who left.
      const user = await manager.getRepository(User).findOneBy({ id: member.userId });
      await this.activity.record(manager, {
        entityType: 'member',
        entityId: id,
        action: 'removed',
        changes: { userId: member.userId, email: user?.email ?? null, role: member.role },
      });
    });
  }

  private assertCanManage(member: Member): void {
    const actor = RequestContext.actor();
    if (!roleAtLeast(actor.role, member.role))
      throw WorkspacesException.forbidden(
        WorkspacesErrorCode.RoleTooHigh,
        `You cannot change a member whose role (${member.role}) is above your own`,
      );
  }

  /** Owners rows are locked so two concurrent demotions cannot leave the workspace without an owner. */
  private async assertAnotherOwner(manager: EntityManager, memberId: string): Promise<void> {
    const owners = await this.members
      .query('m', manager)
      .andWhere('m.role = :role', { role: Role.Owner })
      .setLock('pessimistic_write')
      .getMany();
    if (!owners.some((o) => o.id !== memberId))
      throw WorkspacesException.conflict(WorkspacesErrorCode.LastOwner, 'A workspace keeps at least one owner', 'role');
  }
}
