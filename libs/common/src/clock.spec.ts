import { calendarDateIn, FixedClock, startOfDayIn } from './clock';

describe(FixedClock.name, () => {
  it('gives each time zone its own today', () => {
    const clock = new FixedClock(new Date('2026-06-30T20:00:00Z'));
    expect(clock.today('Pacific/Auckland')).toBe('2026-07-01');
    expect(clock.today('America/Los_Angeles')).toBe('2026-06-30');
  });

  it('places the same calendar date at different instants per zone', () => {
    expect(startOfDayIn('2026-07-01', 'Pacific/Auckland').toISOString()).toBe('2026-06-30T12:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'America/Los_Angeles').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(calendarDateIn(new Date('2026-07-01T06:59:59Z'), 'America/Los_Angeles')).toBe('2026-06-30');
  });
});
