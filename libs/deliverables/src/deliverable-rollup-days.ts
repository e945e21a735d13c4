import { EntityManager } from 'typeorm';
import { calendarDateIn } from '@app/common';
import { DirtyDay, markRollupDirty } from '@app/rollups';
import { readContractTerm } from './deliverable-rules';
import { Deliverable } from './entities/deliverable.entity';

export type DeliverableDays = Pick<Deliverable, 'relationshipId' | 'contractId' | 'dueDate' | 'publishedAt'>;

/**
 * Marks for the rollups the days deliverables count on (docs/rollups.md): the due date (due, missed, on
 * time, late) and, once published, the publication day in the brand's zone (published, metrics, EMV).
 * A change passes the deliverable as it was and as it is, so the day it leaves is recomputed too.
 * All states belong to one relationship, hence one brand and one zone.
 */
export async function markDeliverableDays(manager: EntityManager, states: DeliverableDays[]): Promise<void> {
  const published = states.find((d) => d.publishedAt);
  const timezone = published ? (await readContractTerm(manager, published.contractId)).timezone : '';
  const marks: DirtyDay[] = states.flatMap((d) => [
    { relationshipId: d.relationshipId, day: d.dueDate },
    ...(d.publishedAt ? [{ relationshipId: d.relationshipId, day: calendarDateIn(new Date(d.publishedAt), timezone) }] : []),
  ]);
  await markRollupDirty(manager, marks);
}
