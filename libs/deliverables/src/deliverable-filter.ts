import { SelectQueryBuilder } from 'typeorm';
import { decodeCursor, invalidCursor } from '@app/common';
import { OVERDUE_SQL } from './deliverable.record';
import { Deliverable } from './entities/deliverable.entity';
import { DeliverableStatus } from './transitions';

export interface DeliverableFilter {
  contractId?: string;
  relationshipId?: string;
  brandId?: string;
  influencerId?: string;
  /** Any of them. */
  status?: DeliverableStatus[];
  /** Due strictly before this calendar date. */
  dueBefore?: string;
  /** true: past due in the brand's time zone and still open; false: the others. */
  overdue?: boolean;
}

/**
 * Lists run in due-date order, so the keyset is (due_date, id): the common opaque cursor with the due
 * date in its first slot (toKeysetPage writes it); a cursor from another list is refused like garbage.
 */
function decodeDueCursor(raw: string | undefined): { dueDate: string; id: string } | undefined {
  const cursor = decodeCursor(raw);
  if (!cursor) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cursor.createdAt)) throw invalidCursor('is not a cursor returned by this list');
  return { dueDate: cursor.createdAt, id: cursor.id };
}

/** Needs the joins of selectDeliverableRecords (r for the relationship, b for the brand's time zone). */
export function applyDeliverableFilter(query: SelectQueryBuilder<Deliverable>, filter: DeliverableFilter, cursor?: string): void {
  const after = decodeDueCursor(cursor);
  if (after)
    query.andWhere('(d.due_date, d.id) > (CAST(:afterDue AS date), CAST(:afterId AS uuid))', {
      afterDue: after.dueDate,
      afterId: after.id,
    });
  if (filter.contractId) query.andWhere('d.contract_id = :contractId', { contractId: filter.contractId });
  if (filter.relationshipId) query.andWhere('d.relationship_id = :relationshipId', { relationshipId: filter.relationshipId });
  if (filter.brandId) query.andWhere('r.brand_id = :brandId', { brandId: filter.brandId });
  if (filter.influencerId) query.andWhere('r.influencer_id = :influencerId', { influencerId: filter.influencerId });
  if (filter.status?.length) query.andWhere('d.status IN (:...statuses)', { statuses: filter.status });
  if (filter.dueBefore) query.andWhere('d.due_date < CAST(:dueBefore AS date)', { dueBefore: filter.dueBefore });
  if (filter.overdue !== undefined) query.andWhere(filter.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
}
