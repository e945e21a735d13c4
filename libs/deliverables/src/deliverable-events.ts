import type { DomainEventInput } from '@app/events';
import type { Deliverable } from './entities/deliverable.entity';

type Fields = Pick<Deliverable, 'id' | 'contractId' | 'relationshipId' | 'status'>;

const base = (d: Fields) => ({ deliverableId: d.id, contractId: d.contractId, relationshipId: d.relationshipId, status: d.status });
const subject = (d: Fields) => ({ subjectType: 'deliverable' as const, subjectId: d.id });

/** The domain event of a workflow transition, read after it (cancelling is not in the catalogue). */
export function deliverableTransitionEvent(d: Deliverable): DomainEventInput | null {
  switch (d.status) {
    case 'submitted':
      return { ...subject(d), type: 'deliverable.submitted', data: base(d) };
    case 'changes_requested':
      return { ...subject(d), type: 'deliverable.changes_requested', data: base(d) };
    case 'approved':
      return { ...subject(d), type: 'deliverable.approved', data: base(d) };
    case 'published':
      return {
        ...subject(d),
        type: 'deliverable.published',
        data: { ...base(d), postUrl: d.postUrl, publishedAt: d.publishedAt ? new Date(d.publishedAt).toISOString() : null },
      };
    default:
      return null;
  }
}

export const deliverableMetricsEvent = (d: Fields, capturedAt: Date): DomainEventInput => ({
  ...subject(d),
  type: 'deliverable.metrics_added',
  data: { ...base(d), capturedAt: capturedAt.toISOString() },
});
