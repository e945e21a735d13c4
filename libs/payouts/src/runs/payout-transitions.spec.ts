import { releasesEntries, transitionOf } from './payout-transitions';

describe('payout transitions', () => {
  it('approves drafts, pays or fails approved payouts, cancels either', () => {
    expect(transitionOf('approve')).toMatchObject({ from: ['draft'], to: 'approved' });
    expect(transitionOf('mark-paid')).toMatchObject({ from: ['approved'], to: 'paid' });
    expect(transitionOf('fail')).toMatchObject({ from: ['approved'], to: 'failed' });
    expect(transitionOf('cancel')).toMatchObject({ from: ['draft', 'approved'], to: 'cancelled' });
  });

  it('releases the entries of failed and cancelled payouts only', () => {
    expect(['draft', 'approved', 'paid', 'failed', 'cancelled'].filter((s) => releasesEntries(s as never))).toEqual([
      'failed',
      'cancelled',
    ]);
  });
});
