import type { DomainEventInput } from '@app/events';

/** What an import row may set: the fields of an updated event it records. */
export const IMPORTED_FIELDS = ['name', 'country', 'tags', 'notes', 'socialAccounts'];

export const influencerCreated = (influencerId: string): DomainEventInput => ({
  type: 'influencer.created',
  subjectType: 'influencer',
  subjectId: influencerId,
  data: { influencerId },
});

export const influencerUpdated = (influencerId: string, fields: string[]): DomainEventInput => ({
  type: 'influencer.updated',
  subjectType: 'influencer',
  subjectId: influencerId,
  data: { influencerId, fields: [...fields].sort() },
});
