import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService, diff } from '@app/activity';
import { calendarDateIn, Clock, RequestContext } from '@app/common';
import { CostsService } from '@app/costs';
import { InfluencersService } from '@app/influencers';
import { recordEvent } from '@app/events';
import { NotificationSchedule } from '@app/notifications';
import { deliverableEmails } from './deliverable-emails';
import { deliverableTransitionEvent } from './deliverable-events';
import { DeliverableRecord } from './deliverable.record';
import { markDeliverableDays } from './deliverable-rollup-days';
import { DeliverableRepository } from './deliverable.repository';
import { notInFuture, readContractTerm } from './deliverable-rules';
import { DeliverablesException } from './deliverables.exception';
import { DeliverablesService } from './deliverables.service';
import { Deliverable } from './entities/deliverable.entity';
import { DeliverableAction, nextStatus, TRANSITIONS } from './transitions';

type Changes = Partial<
  Pick<
    Deliverable,
    | 'contentUrl'
    | 'caption'
    | 'reviewComment'
    | 'postUrl'
    | 'publishedAt'
    | 'followersAtPublish'
    | 'submittedAt'
    | 'approvedAt'
    | 'cancelledAt'
  >
>;

/** The review and publication workflow; the allowed moves live in TRANSITIONS, nowhere else. */
@Injectable()
export class DeliverableWorkflow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliverables: DeliverableRepository,
    private readonly reader: DeliverablesService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly costs: CostsService,
    private readonly influencers: InfluencersService,
    private readonly notifications: NotificationSchedule,
  ) {}

  submit(id: string, input: { contentUrl: string; caption?: string | null }): Promise<DeliverableRecord> {
    return this.transition(id, 'submit', async () => ({
      contentUrl: input.contentUrl,
      caption: input.caption ?? null,
      submittedAt: this.clock.now(),
    }));
  }

  requestChanges(id: string, input: { comment: string }): Promise<DeliverableRecord> {
    return this.transition(id, 'requestChanges', async () => ({ reviewComment: input.comment }));
  }

  approve(id: string): Promise<DeliverableRecord> {
    return this.transition(id, 'approve', async () => ({ approvedAt: this.clock.now() }));
  }

  /**
   * The audience is frozen at publication: it is the denominator of the engagement rate. The linked
   * account when there is one, else the influencer's largest account on the deliverable's platform.
   * The fee becomes a cost of the publication day, in the same transaction as the status change.
   */
  publish(id: string, input: { postUrl: string; publishedAt?: Date }): Promise<DeliverableRecord> {
    const publishedAt = input.publishedAt ?? this.clock.now();
    notInFuture('publishedAt', publishedAt, this.clock.now());
    return this.transition(id, 'publish', async (deliverable, manager) => {
      await this.recordFee(manager, deliverable, publishedAt);
      return { postUrl: input.postUrl, publishedAt, followersAtPublish: await this.influencers.followersFor(manager, deliverable) };
    });
  }

  /**
   * The ambassador's live post URL of approved content (the portal): it publishes the deliverable when the
   * workspace lets ambassadors publish; otherwise it waits on the deliverable for the manager's publish.
   */
  async addPostUrl(id: string, postUrl: string, publish: boolean): Promise<DeliverableRecord> {
    if (publish) return this.publish(id, { postUrl });
    await this.dataSource.transaction(async (manager) => {
      const deliverable = await this.deliverables.getForUpdate(manager, id);
      if (!TRANSITIONS.publish.from.includes(deliverable.status))
        throw DeliverablesException.illegalTransition('add the post URL of', deliverable.status);
      const recorded = diff(deliverable, { postUrl });
      await this.deliverables.save(Object.assign(deliverable, { postUrl }), manager);
      await this.activity.record(manager, {
        entityType: 'deliverable',
        entityId: id,
        relationshipId: deliverable.relationshipId,
        action: 'post_url_added',
        changes: recorded,
      });
    });
    return this.reader.get(id);
  }

  cancel(id: string): Promise<DeliverableRecord> {
    return this.transition(id, 'cancel', async () => ({ cancelledAt: this.clock.now() }));
  }

  /** One transaction with the row locked, so two concurrent moves from the same status cannot both succeed. */
  private async transition(
    id: string,
    action: DeliverableAction,
    changes: (deliverable: Deliverable, manager: EntityManager) => Promise<Changes>,
  ): Promise<DeliverableRecord> {
    const emails = await this.dataSource.transaction(async (manager) => {
      const deliverable = await this.deliverables.getForUpdate(manager, id);
      const status = nextStatus(action, deliverable.status);
      if (!status) throw DeliverablesException.illegalTransition(TRANSITIONS[action].name, deliverable.status);
      const patch = { ...(await changes(deliverable, manager)), status };
      const recorded = diff(deliverable, patch);
      const before = { ...deliverable };
      await this.deliverables.save(Object.assign(deliverable, patch), manager);
      await markDeliverableDays(manager, [before, deliverable]);
      await this.activity.record(manager, {
        entityType: 'deliverable',
        entityId: id,
        relationshipId: deliverable.relationshipId,
        action: TRANSITIONS[action].activity,
        changes: recorded,
      });
      const event = deliverableTransitionEvent(deliverable);
      if (event) await recordEvent(manager, event);
      return this.scheduleEmails(manager, deliverable, action);
    });
    await this.notifications.send(emails);
    return this.reader.get(id);
  }

  /** In the move's transaction: the emails exist exactly when the move committed; sent after the commit. */
  private async scheduleEmails(manager: EntityManager, deliverable: Deliverable, action: DeliverableAction): Promise<string[]> {
    const now = this.clock.now();
    const params = { deliverableId: deliverable.id, workspaceId: deliverable.workspaceId, now, period: now.toISOString() };
    const ids: string[] = [];
    for (const select of deliverableEmails(action, Boolean(RequestContext.maybeActor()?.influencerId)))
      ids.push(...(await this.notifications.insert(select, params, manager)));
    return ids;
  }

  /**
   * Dated by the publication day in the brand's time zone (a backdated publishedAt counts on its day).
   * The row lock makes a second publish a 409; the ledger's unique source key is the backstop.
   */
  private async recordFee(manager: EntityManager, deliverable: Deliverable, publishedAt: Date): Promise<void> {
    if (/^0*(\.0*)?$/.test(deliverable.fee)) return;
    const { currency, timezone } = await readContractTerm(manager, deliverable.contractId);
    const { id: deliverableId, relationshipId, contractId, fee: amount } = deliverable;
    await this.costs.recordDeliverableFee(manager, {
      deliverableId,
      relationshipId,
      contractId,
      amount,
      currency,
      incurredOn: calendarDateIn(publishedAt, timezone),
    });
  }
}
