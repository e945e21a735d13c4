import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityInput, ActivityService } from '@app/activity';
import { Clock, RequestContext, Role } from '@app/common';
import { AppConfig } from '@app/config';
import { ScopedRepository } from '@app/database';
import { NotificationSchedule } from '@app/notifications';
import { Invitation } from '../entities/invitation.entity';
import { Member } from '../entities/member.entity';
import { User } from '../entities/user.entity';
import { Workspace } from '../entities/workspace.entity';
import { verifyInvitationToken } from '../invitations/invitation-token';
import { WorkspacesErrorCode, WorkspacesException } from '../workspaces.exception';
import { assertCanGrant } from './grants';
import { TokenService } from './token.service';

/** What accepting needs of the person: who they are and the address they proved. */
export interface Invitee {
  id: string;
  email: string;
}

export interface Accepted {
  workspaceId: string;
  member: Member;
}

export interface Joined {
  accessToken: string;
  workspace: Workspace;
  member: Member;
}

const INVALID = 'The invitation is unknown, expired, revoked or already used';

/** The invitation's one email, to the invitee (libs/workspaces renders it: InvitationEmail). */
const INVITATION_ROW = `SELECT CAST(:workspaceId AS uuid), 'member_invitation', 'invitation', CAST(:id AS uuid), 0, '', 'invitee',
  ARRAY[CAST(:email AS text)], 'scheduled', false, CAST(:now AS timestamptz)`;

/**
 * Invitations (docs/security.md, "Members"): an admin names an address and a role; the address gets an
 * email with a signed, expiring, single-use link; the person becomes a member only by accepting it, signed
 * in with an account of that address or signing up with the token. Nothing about the address's account
 * (whether one exists, its name) is read or shown when inviting, and no user row is made for it.
 */
@Injectable()
export class InvitationsService {
  private readonly invitations: ScopedRepository<Invitation>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly notifications: NotificationSchedule,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
  ) {
    this.invitations = new ScopedRepository(dataSource, Invitation, 'Invitation');
  }

  /**
   * One invitation row and its email's notification row in one transaction, then the send job. A pending
   * invitation of that address answers 409 (uq_invitations_pending_email) unless it has expired, in which
   * case it is closed and replaced. Members of this workspace are already visible to admins: 409 too.
   */
  async create(email: string, role: Role): Promise<Invitation> {
    assertCanGrant(role);
    const actor = RequestContext.actor();
    const now = this.clock.now();
    const { invitation, notificationId } = await this.dataSource.transaction(async (manager) => {
      const [member] = await manager.query(
        `SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND lower(u.email) = lower($2)`,
        [actor.workspaceId, email],
      );
      if (member) throw WorkspacesException.conflict(WorkspacesErrorCode.AlreadyMember, 'is already a member of this workspace', 'email');
      await manager.query(
        `UPDATE invitations SET status = 'revoked', revoked_at = $3, updated_at = now()
          WHERE workspace_id = $1 AND lower(email) = lower($2) AND status = 'pending' AND expires_at <= $3`,
        [actor.workspaceId, email, now],
      );
      const expiresAt = new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * 3600_000);
      const invitation = await this.invitations.save(
        this.invitations.create({ email, role, status: 'pending', expiresAt, invitedByUserId: actor.userId ?? null }, manager),
        manager,
      );
      const [notificationId] = await this.notifications.insert(
        INVITATION_ROW,
        { workspaceId: actor.workspaceId, id: invitation.id, email, now },
        manager,
      );
      await this.activity.record(manager, this.entry(invitation, 'created', { email, role, expiresAt }));
      return { invitation, notificationId };
    });
    await this.notifications.send([notificationId]);
    return invitation;
  }

  /** Newest first; a pending invitation past its expiry is shown as such by the caller (`isExpired`). */
  list(): Promise<Invitation[]> {
    return this.invitations.find({ order: { createdAt: 'DESC', id: 'DESC' } });
  }

  get(id: string): Promise<Invitation> {
    return this.invitations.get(id);
  }

  isExpired(invitation: Invitation): boolean {
    return invitation.status === 'pending' && invitation.expiresAt <= this.clock.now();
  }

  /** Its link stops working at once; an email not yet sent is not sent (the email renders only pending invitations). */
  async revoke(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const invitation = await this.invitations.getForUpdate(manager, id);
      if (invitation.status !== 'pending')
        throw WorkspacesException.conflict(WorkspacesErrorCode.InvitationNotPending, `is already ${invitation.status}`, 'status');
      invitation.status = 'revoked';
      invitation.revokedAt = this.clock.now();
      await this.invitations.save(invitation, manager);
      await this.activity.record(manager, this.entry(invitation, 'revoked', { email: invitation.email, role: invitation.role }));
    });
  }

  /** What the link's page shows its holder (the invitee): the workspace and role, while the invitation can be accepted. */
  async preview(token: string): Promise<{ workspaceName: string; role: Role; email: string; expiresAt: Date } | undefined> {
    const id = verifyInvitationToken(this.config.JWT_SECRET, token);
    if (!id) return undefined;
    const [found] = (await this.dataSource.query(
      `SELECT w.name AS "workspaceName", i.role, i.email, i.expires_at AS "expiresAt" FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
        WHERE i.id = $1 AND i.status = 'pending' AND i.expires_at > $2`,
      [id, this.clock.now()],
    )) as { workspaceName: string; role: Role; email: string; expiresAt: Date }[];
    return found;
  }

  /** The invitation a link names, for its page (the console's join page): a 404 problem when it does not open. */
  async previewOrFail(token: string): Promise<{ workspaceName: string; role: Role; email: string; expiresAt: Date }> {
    const invitation = await this.preview(token);
    if (!invitation) throw WorkspacesException.notFound(WorkspacesErrorCode.InvitationInvalid, INVALID);
    return invitation;
  }

  /** POST /v1/invitations/accept: the signed-in person (not an API key) joins, and gets a token for that workspace. */
  async acceptAsCaller(token: string): Promise<Joined> {
    const { userId } = RequestContext.actor();
    if (!userId)
      throw WorkspacesException.forbidden(
        WorkspacesErrorCode.UserRequired,
        'A person accepts an invitation: use a user token, not an API key',
      );
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    const { workspaceId, member } = await this.dataSource.transaction((manager) => this.accept(manager, token, user));
    member.user = user;
    const workspace = await this.dataSource.getRepository(Workspace).findOneByOrFail({ id: workspaceId });
    return { accessToken: this.tokens.sign({ sub: userId, wid: workspaceId }), workspace, member };
  }

  /**
   * Makes `user` a member with the invitation's role and uses the invitation up, in the caller's
   * transaction (signup creates the user in the same one). Unknown, forged, expired, revoked and used
   * tokens all get the same 404. The account's address must be the invited one: the token proves the
   * mailbox, the account proves the person. Logged in the invited workspace, as the user.
   */
  async accept(manager: EntityManager, token: string, user: Invitee): Promise<Accepted> {
    const id = verifyInvitationToken(this.config.JWT_SECRET, token);
    const invitation =
      id &&
      (await manager.getRepository(Invitation).createQueryBuilder('i').where('i.id = :id', { id }).setLock('pessimistic_write').getOne());
    if (!invitation || invitation.status !== 'pending' || invitation.expiresAt <= this.clock.now())
      throw WorkspacesException.notFound(WorkspacesErrorCode.InvitationInvalid, INVALID);
    if (invitation.email.toLowerCase() !== user.email.toLowerCase())
      throw WorkspacesException.forbidden(
        WorkspacesErrorCode.InvitationForAnotherEmail,
        'This invitation is for another email address; sign in with the account of the invited address',
      );
    const { workspaceId, role } = invitation;
    const [existing] = await manager.getRepository(Member).findBy({ workspaceId, userId: user.id });
    if (existing)
      throw WorkspacesException.conflict(WorkspacesErrorCode.AlreadyMember, 'You are already a member of this workspace', 'token');
    const member = await manager.getRepository(Member).save(manager.getRepository(Member).create({ workspaceId, userId: user.id, role }));
    Object.assign(invitation, { status: 'accepted', acceptedByUserId: user.id, acceptedAt: this.clock.now() });
    await manager.getRepository(Invitation).save(invitation);
    await RequestContext.run(
      async () => {
        await this.activity.record(manager, {
          entityType: 'member',
          entityId: member.id,
          action: 'added',
          changes: { userId: user.id, email: user.email, role, invitationId: invitation.id },
        });
        await this.activity.record(manager, this.entry(invitation, 'accepted', { userId: user.id, email: invitation.email, role }));
      },
      { workspaceId, userId: user.id, role },
    );
    return { workspaceId, member };
  }

  private entry(invitation: Invitation, action: string, changes: Record<string, unknown>): ActivityInput {
    return { entityType: 'invitation', entityId: invitation.id, action, changes };
  }
}
