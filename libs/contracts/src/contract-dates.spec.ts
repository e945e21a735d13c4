import { nextTermDates, termInstants, wholeMonths } from './contract-dates';

describe(nextTermDates.name, () => {
  it('starts the day after the end and runs for renewal_term_months', () => {
    expect(nextTermDates({ startDate: '2026-01-01', endDate: '2026-06-30', renewalTermMonths: 12 })).toEqual({
      startDate: '2026-07-01',
      endDate: '2027-06-30',
    });
  });

  it('repeats the length of the current term: in months when whole, else in days', () => {
    expect(nextTermDates({ startDate: '2026-01-01', endDate: '2026-06-30', renewalTermMonths: null })).toEqual({
      startDate: '2026-07-01',
      endDate: '2026-12-31',
    });
    expect(nextTermDates({ startDate: '2026-01-15', endDate: '2026-02-14', renewalTermMonths: null })).toEqual({
      startDate: '2026-02-15',
      endDate: '2026-03-14',
    });
    expect(nextTermDates({ startDate: '2026-01-01', endDate: '2026-01-10', renewalTermMonths: null })).toEqual({
      startDate: '2026-01-11',
      endDate: '2026-01-20',
    });
  });

  it('takes an explicit end date as given', () => {
    expect(nextTermDates({ startDate: '2026-01-01', endDate: '2026-06-30', renewalTermMonths: 6 }, '2026-09-30')).toEqual({
      startDate: '2026-07-01',
      endDate: '2026-09-30',
    });
  });
});

describe(wholeMonths.name, () => {
  it('recognises terms of whole months only', () => {
    expect(wholeMonths('2026-01-01', '2026-12-31')).toBe(12);
    expect(wholeMonths('2026-03-10', '2026-04-09')).toBe(1);
    expect(wholeMonths('2026-01-01', '2026-12-30')).toBeUndefined();
  });
});

describe(termInstants.name, () => {
  it('ends the same calendar date at different instants per time zone', () => {
    const term = { startDate: '2026-01-01', endDate: '2026-06-30' };
    expect(termInstants(term, 'Pacific/Auckland')).toEqual({
      startsAt: '2026-01-01T00:00:00.000+13:00',
      endsAt: '2026-07-01T00:00:00.000+12:00',
    });
    expect(termInstants(term, 'America/Los_Angeles')).toEqual({
      startsAt: '2026-01-01T00:00:00.000-08:00',
      endsAt: '2026-07-01T00:00:00.000-07:00',
    });
  });
});
