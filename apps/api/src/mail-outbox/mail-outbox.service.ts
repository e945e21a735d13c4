import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundException, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { Influencer } from '@app/influencers';
import { notificationIdOf, OutboxMessage, outboxFiles, readOutbox } from '@app/mail';
import { InvitationsService, MembersService } from '@app/workspaces';

/**
 * The zero-config outbox (SMTP_URL unset: every email is a .eml file in MAIL_OUTBOX_DIR) for the console's
 * Mail outbox page. The directory holds every workspace's mail: a notification's email (the file names
 * its notification) is listed to its own workspace only; any other email (none today: a safety net) to
 * the workspace's own people only (members, invited addresses, influencers).
 */
@Injectable()
export class MailOutboxService {
  constructor(
    private readonly config: AppConfig,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get enabled(): boolean {
    return !this.config.SMTP_URL;
  }

  async list(limit: number): Promise<OutboxMessage[]> {
    if (!this.enabled) throw new NotFoundException('Mail outbox (mail goes to SMTP_URL)');
    const dir = this.config.MAIL_OUTBOX_DIR;
    const workspaceId = RequestContext.workspaceId();
    const named = (await outboxFiles(dir)).flatMap((file) => notificationIdOf(file) ?? []);
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM notifications WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
      [workspaceId, named],
    );
    const notifications = new Set(rows.map((r) => r.id));
    const people = await this.people(workspaceId);
    return readOutbox(
      dir,
      (message) => {
        const notification = notificationIdOf(message.file);
        return notification ? notifications.has(notification) : message.to.some((address) => people.has(address));
      },
      limit,
    );
  }

  private async people(workspaceId: string): Promise<Set<string>> {
    const people = new Set((await this.members.list()).flatMap((m) => (m.user ? [m.user.email.toLowerCase()] : [])));
    for (const invitation of await this.invitations.list()) people.add(invitation.email.toLowerCase());
    const influencers = await this.dataSource
      .getRepository(Influencer)
      .createQueryBuilder('i')
      .select('lower(i.email)', 'email')
      .where('i.workspaceId = :workspaceId AND i.email IS NOT NULL', { workspaceId })
      .getRawMany<{ email: string }>();
    for (const { email } of influencers) people.add(email);
    return people;
  }
}
