import { planDeliverables, PlanItem } from './plan';

const reels: PlanItem = { type: 'reel', platform: 'instagram', quantity: 2, per: 'month' };
const dates = (plan: PlanItem[], start: string, end: string) => planDeliverables(plan, start, end).map((d) => d.dueDate);
const countByMonth = (list: string[]) =>
  list.reduce<Record<string, number>>((acc, date) => ({ ...acc, [date.slice(0, 7)]: (acc[date.slice(0, 7)] ?? 0) + 1 }), {});

describe(planDeliverables.name, () => {
  it('gives 2 reels in each calendar month of a 6-month term, none after the end', () => {
    // Act
    const due = dates([reels], '2026-01-01', '2026-06-30');

    // Assert
    expect(due).toHaveLength(12);
    expect(countByMonth(due)).toEqual({ '2026-01': 2, '2026-02': 2, '2026-03': 2, '2026-04': 2, '2026-05': 2, '2026-06': 2 });
    expect(due).toEqual([
      '2026-01-16',
      '2026-01-31',
      '2026-02-14',
      '2026-02-28',
      '2026-03-16',
      '2026-03-31',
      '2026-04-15',
      '2026-04-30',
      '2026-05-16',
      '2026-05-31',
      '2026-06-15',
      '2026-06-30',
    ]);
  });

  it('counts months from a mid-month start: each period runs from the 15th to the 14th', () => {
    const due = dates([reels], '2026-03-15', '2026-09-14');

    expect(due).toEqual([
      '2026-03-30',
      '2026-04-14',
      '2026-04-29',
      '2026-05-14',
      '2026-05-30',
      '2026-06-14',
      '2026-06-29',
      '2026-07-14',
      '2026-07-30',
      '2026-08-14',
      '2026-08-30',
      '2026-09-14',
    ]);
  });

  it('pro-rates a clipped last period by the days it covers, rounding half up', () => {
    // 2026-09-15..2026-09-30 covers 16 of the 30 days of the period to 2026-10-14: 2 × 16/30 = 1.07 → 1.
    expect(dates([reels], '2026-03-15', '2026-09-30').slice(-2)).toEqual(['2026-09-14', '2026-09-30']);
    // 4 × 16/30 = 2.13 → 2, spread over the 16 covered days.
    expect(dates([{ ...reels, quantity: 4 }], '2026-03-15', '2026-09-30').filter((d) => d > '2026-09-14')).toEqual([
      '2026-09-22',
      '2026-09-30',
    ]);
    // 1 × 3/28 = 0.11 → 0: a 3-day stub of February owes nothing.
    expect(dates([{ ...reels, quantity: 1 }], '2026-01-01', '2026-02-03')).toEqual(['2026-01-31']);
  });

  it('keeps whole months whole when the start is the 31st (luxon clamps to the shorter month)', () => {
    const due = dates([{ ...reels, quantity: 1 }], '2026-01-31', '2026-04-29');

    expect(due).toEqual(['2026-02-27', '2026-03-30', '2026-04-29']);
  });

  it('spreads a per-term quantity over the whole term, the last on the end date', () => {
    const due = dates([{ type: 'video', platform: 'youtube', quantity: 3, per: 'term' }], '2026-01-01', '2026-12-31');

    // 365 days in 3 slices: days 122, 244 and 365 of the term.
    expect(due).toEqual(['2026-05-02', '2026-09-01', '2026-12-31']);
  });

  it('allows more items than days without going outside the term', () => {
    const due = dates([{ type: 'story', platform: 'instagram', quantity: 5, per: 'term' }], '2026-01-01', '2026-01-02');

    expect(due).toEqual(['2026-01-01', '2026-01-01', '2026-01-02', '2026-01-02', '2026-01-02']);
  });

  it('orders by due date, then plan order, deterministically', () => {
    const plan: PlanItem[] = [
      { type: 'story', platform: 'instagram', quantity: 1, per: 'month' },
      { type: 'post', platform: 'tiktok', quantity: 1, per: 'month' },
    ];

    const planned = planDeliverables(plan, '2026-01-01', '2026-02-28');

    expect(planned).toEqual([
      { type: 'story', platform: 'instagram', dueDate: '2026-01-31' },
      { type: 'post', platform: 'tiktok', dueDate: '2026-01-31' },
      { type: 'story', platform: 'instagram', dueDate: '2026-02-28' },
      { type: 'post', platform: 'tiktok', dueDate: '2026-02-28' },
    ]);
    expect(planDeliverables(plan, '2026-01-01', '2026-02-28')).toEqual(planned);
  });

  it('gives nothing for an empty plan or a zero quantity', () => {
    expect(planDeliverables([], '2026-01-01', '2026-12-31')).toEqual([]);
    expect(planDeliverables([{ ...reels, quantity: 0 }], '2026-01-01', '2026-12-31')).toEqual([]);
  });

  it.each([
    [[reels], '2026-02-01', '2026-01-31'],
    [[reels], '2026-02-30', '2026-03-31'],
    [[{ ...reels, quantity: 1.5 }], '2026-01-01', '2026-03-31'],
    [[{ ...reels, quantity: -1 }], '2026-01-01', '2026-03-31'],
  ])('refuses an impossible input %j %s..%s', (plan, start, end) => {
    expect(() => planDeliverables(plan, start, end)).toThrow(RangeError);
  });
});
