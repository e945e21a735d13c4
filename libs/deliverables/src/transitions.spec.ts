import { DELIVERABLE_STATUSES, DeliverableAction, DeliverableStatus, nextStatus, TRANSITIONS } from './transitions';

const allowed: Record<DeliverableAction, Partial<Record<DeliverableStatus, DeliverableStatus>>> = {
  submit: { planned: 'submitted', changes_requested: 'submitted' },
  requestChanges: { submitted: 'changes_requested' },
  approve: { submitted: 'approved' },
  publish: { approved: 'published' },
  cancel: { planned: 'cancelled', submitted: 'cancelled', changes_requested: 'cancelled', approved: 'cancelled' },
};

describe(nextStatus.name, () => {
  const cases = (Object.keys(TRANSITIONS) as DeliverableAction[]).flatMap((action) =>
    DELIVERABLE_STATUSES.map((from) => [action, from, allowed[action][from] ?? null] as const),
  );

  it.each(cases)('%s from %s gives %s', (action, from, expected) => {
    expect(nextStatus(action, from)).toBe(expected);
  });

  it('leaves published, missed and cancelled terminal', () => {
    for (const terminal of ['published', 'missed', 'cancelled'] as const) {
      expect((Object.keys(TRANSITIONS) as DeliverableAction[]).map((action) => nextStatus(action, terminal))).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
    }
  });
});
