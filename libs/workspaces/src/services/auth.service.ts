import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@app/common';
import { Member } from '../entities/member.entity';
import { User } from '../entities/user.entity';
import { Workspace } from '../entities/workspace.entity';
import { WorkspacesErrorCode, WorkspacesException } from '../workspaces.exception';
import { InvitationsService } from './invitations.service';
import { PasswordService } from './password.service';
import { AccessTokenClaims, TokenService } from './token.service';

export interface SignupInput {
  /** Unused with an inviteToken: the person joins the inviting workspace instead of creating one. */
  workspaceName?: string;
  name: string;
  email: string;
  password: string;
  inviteToken?: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly invitations: InvitationsService,
  ) {}

  /**
   * One transaction: a failed step leaves no workspace without an owner, and no user behind. Without an
   * invite token: a new workspace with the caller as owner. With one: the caller joins the inviting
   * workspace (the email must be the invited one) and no workspace is made.
   */
  async signup(input: SignupInput): Promise<{ accessToken: string; user: User; workspace: Workspace }> {
    const passwordHash = await this.passwords.hash(input.password);
    const { user, workspace } = await this.dataSource.transaction(async (manager) => {
      const user = await this.register(manager, input, passwordHash);
      let workspaceId: string;
      if (input.inviteToken) workspaceId = (await this.invitations.accept(manager, input.inviteToken, user)).workspaceId;
      else {
        workspaceId = (await manager.getRepository(Workspace).save(manager.getRepository(Workspace).create({ name: input.workspaceName })))
          .id;
        await manager.getRepository(Member).insert({ workspaceId, userId: user.id, role: Role.Owner });
      }
      return { user, workspace: await manager.getRepository(Workspace).findOneByOrFail({ id: workspaceId }) };
    });
    return { accessToken: this.tokens.sign({ sub: user.id, wid: workspace.id }), user, workspace };
  }

  /**
   * A user row without a password is not an account: the old POST /v1/members made such rows for any
   * address, and none can log in. Signing up with that address takes the row over (its memberships were
   * removed by the MemberInvitations migration), so nobody's signup is blocked by someone else's invite.
   */
  private async register(manager: EntityManager, input: SignupInput, passwordHash: string): Promise<User> {
    const users = manager.getRepository(User);
    const existing = await users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: input.email })
      .setLock('pessimistic_write')
      .getOne();
    if (existing?.passwordHash)
      throw WorkspacesException.conflict(WorkspacesErrorCode.EmailTaken, 'is already registered; log in instead', 'email');
    const user = await users.save(Object.assign(existing ?? users.create(), { email: input.email.trim(), name: input.name, passwordHash }));
    delete (user as Partial<User>).passwordHash;
    return user;
  }

  /**
   * With several memberships the oldest is used unless `workspaceId` picks another. With `inviteToken` the
   * user accepts that invitation and enters its workspace: how someone with an account but no membership
   * left (who could not log in otherwise) joins. A hash of an older scheme or cost is replaced while the
   * password is at hand (PasswordService).
   */
  async login(email: string, password: string, workspaceId?: string, inviteToken?: string): Promise<{ accessToken: string }> {
    return { accessToken: this.tokens.sign(await this.authenticate(email, password, workspaceId, inviteToken)) };
  }

  /** Who signs in, and into which workspace: what an access token or a browser session is then issued for. */
  async authenticate(email: string, password: string, workspaceId?: string, inviteToken?: string): Promise<AccessTokenClaims> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const { ok, rehash } = await this.passwords.check(password, user?.passwordHash);
    if (!user || !ok) throw WorkspacesException.unauthorized(WorkspacesErrorCode.InvalidCredentials, 'The email or password is wrong');
    if (rehash) await this.dataSource.getRepository(User).update(user.id, { passwordHash: await this.passwords.hash(password) });
    if (inviteToken) {
      const joined = await this.dataSource.transaction((manager) => this.invitations.accept(manager, inviteToken, user));
      return { sub: user.id, wid: joined.workspaceId };
    }
    const memberships = await this.dataSource.getRepository(Member).find({ where: { userId: user.id }, order: { createdAt: 'ASC' } });
    const membership = workspaceId ? memberships.find((m) => m.workspaceId === workspaceId) : memberships[0];
    if (!membership) throw WorkspacesException.unauthorized(WorkspacesErrorCode.InvalidCredentials, 'The email or password is wrong');
    return { sub: user.id, wid: membership.workspaceId };
  }
}
