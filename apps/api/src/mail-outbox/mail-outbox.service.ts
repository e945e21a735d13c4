import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundException, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { Influencer } from '@app/influencers';
import { OutboxMessage, readOutbox } from '@app/mail';
import { MembersService } from '@app/workspaces';

/**
 * The zero-config outbox (SMTP_URL unset: every email is a .eml file in MAIL_OUTBOX_DIR) for the console's
 * Mail outbox page. The directory holds every workspace's mail, so a workspace sees only messages to its
 * own people: its members and its influencers.
 */
@Injectable()
export class MailOutboxService {
  constructor(
    private readonly config: AppConfig,
    private readonly members: MembersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get enabled(): boolean {
    return !this.config.SMTP_URL;
  }

  async list(limit: number): Promise<OutboxMessage[]> {
    if (!this.enabled) throw new NotFoundException('Mail outbox (mail goes to SMTP_URL)');
    const ours = new Set((await this.members.list()).flatMap((m) => (m.user ? [m.user.email.toLowerCase()] : [])));
    const influencers = await this.dataSource
      .getRepository(Influencer)
      .createQueryBuilder('i')
      .select('lower(i.email)', 'email')
      .where('i.workspaceId = :workspaceId AND i.email IS NOT NULL', { workspaceId: RequestContext.workspaceId() })
      .getRawMany<{ email: string }>();
    for (const { email } of influencers) ours.add(email);
    return readOutbox(this.config.MAIL_OUTBOX_DIR, (to) => to.some((address) => ours.has(address)), limit);
  }
}
