import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { Member } from '../entities/member.entity';
import { User } from '../entities/user.entity';
import { Workspace } from '../entities/workspace.entity';
import { WorkspacesErrorCode, WorkspacesException } from '../workspaces.exception';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';

export interface SignupInput {
  workspaceName: string;
  name: string;
  email: string;
  password: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
  ) {}

  /** One transaction: a failed step leaves no workspace without an owner. */
  async signup(input: SignupInput): Promise<{ accessToken: string; user: User; workspace: Workspace }> {
    const passwordHash = await this.passwords.hash(input.password);
    const { user, workspace } = await this.dataSource.transaction(async (manager) => {
      const taken = await manager
        .getRepository(User)
        .createQueryBuilder('u')
        .where('lower(u.email) = lower(:email)', { email: input.email })
        .getExists();
      if (taken) throw WorkspacesException.conflict(WorkspacesErrorCode.EmailTaken, 'is already registered; log in instead', 'email');
      const workspace = await manager.getRepository(Workspace).save(manager.getRepository(Workspace).create({ name: input.workspaceName }));
      const user = await manager
        .getRepository(User)
        .save(manager.getRepository(User).create({ email: input.email.trim(), name: input.name, passwordHash }));
      await manager.getRepository(Member).insert({ workspaceId: workspace.id, userId: user.id, role: Role.Owner });
      return { user, workspace: await manager.getRepository(Workspace).findOneByOrFail({ id: workspace.id }) };
    });
    delete (user as Partial<User>).passwordHash;
    return { accessToken: this.tokens.sign({ sub: user.id, wid: workspace.id }), user, workspace };
  }

  /**
   * With several memberships the oldest is used unless `workspaceId` picks another. A hash of an older
   * scheme or cost is replaced while the password is at hand (PasswordService).
   */
  async login(email: string, password: string, workspaceId?: string): Promise<{ accessToken: string }> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const { ok, rehash } = await this.passwords.check(password, user?.passwordHash);
    if (!user || !ok) throw WorkspacesException.unauthorized(WorkspacesErrorCode.InvalidCredentials, 'The email or password is wrong');
    const memberships = await this.dataSource.getRepository(Member).find({ where: { userId: user.id }, order: { createdAt: 'ASC' } });
    const membership = workspaceId ? memberships.find((m) => m.workspaceId === workspaceId) : memberships[0];
    if (!membership) throw WorkspacesException.unauthorized(WorkspacesErrorCode.InvalidCredentials, 'The email or password is wrong');
    if (rehash) await this.dataSource.getRepository(User).update(user.id, { passwordHash: await this.passwords.hash(password) });
    return { accessToken: this.tokens.sign({ sub: user.id, wid: membership.workspaceId }) };
  }
}
