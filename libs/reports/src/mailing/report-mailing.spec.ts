import { signToken } from '@app/common';
import { signUnsubscribeToken } from '@app/notifications';
import { quarterCloseAt, quarterOfPeriod, reportPeriod } from './quarter-close';
import { reportLinkUrl, signReportLink, verifyReportLink } from '../links/report-link';

describe(quarterCloseAt.name, () => {
  it('is 06:00 brand time on the first day of the next fiscal quarter', () => {
    expect(quarterCloseAt('2026-Q3', 1, 'Asia/Tokyo')).toEqual(new Date('2026-09-30T21:00:00Z'));
    expect(quarterCloseAt('2026-Q3', 1, 'America/New_York')).toEqual(new Date('2026-10-01T10:00:00Z'));
    // EST in January: UTC-5.
    expect(quarterCloseAt('2026-Q4', 1, 'America/New_York')).toEqual(new Date('2027-01-01T11:00:00Z'));
    // FY starting in April: 2026-Q4 is January to March 2027, closed on 1 April 2027 (CEST).
    expect(quarterCloseAt('2026-Q4', 4, 'Europe/Paris')).toEqual(new Date('2027-04-01T04:00:00Z'));
  });

  it('names the close email by its quarter and each on-demand one by quarter/request', () => {
    expect(reportPeriod('2026-Q3')).toBe('2026-Q3');
    expect(reportPeriod('2026-Q3', 'a1b2')).toBe('2026-Q3/a1b2');
    expect(quarterOfPeriod('2026-Q3/a1b2')).toBe('2026-Q3');
  });
});

describe(verifyReportLink.name, () => {
  const secret = 's'.repeat(40);
  const linkId = '1d2c3b4a-0000-4000-8000-000000000001';
  const expires = new Date('2026-11-01T00:00:00Z');
  const before = new Date('2026-10-01T00:00:00Z');

  it('names its stored link until it expires; refuses altered, foreign, other-purpose and first-format tokens', () => {
    const token = signReportLink(secret, linkId, expires);
    expect(verifyReportLink(secret, token, new Date('2026-10-31T23:59:59Z'))).toEqual({ state: 'valid', value: linkId });
    expect(verifyReportLink(secret, token, expires)).toEqual({ state: 'expired', expiredAt: expires });
    const invalid = { state: 'invalid' };
    expect(verifyReportLink('t'.repeat(40), token, before)).toEqual(invalid);
    const other = signReportLink(secret, '1d2c3b4a-0000-4000-8000-000000000002', expires);
    expect(verifyReportLink(secret, `${other.split('.')[0]}.${token.split('.')[1]}`, before)).toEqual(invalid);
    expect(verifyReportLink(secret, signUnsubscribeToken(secret, { workspaceId: linkId, email: 'a@b.c' }, expires), before)).toEqual(
      invalid,
    );
    // The first format opened a brand's live quarter by (workspace, brand, quarter): it never passes again.
    expect(verifyReportLink(secret, signToken(secret, 'report-view', [linkId, linkId, '2026-Q3', 1893456000]), before)).toEqual(invalid);
    expect(verifyReportLink(secret, undefined, before)).toEqual(invalid);
    expect(reportLinkUrl('https://crm.example.com/', token)).toBe(
      `https://crm.example.com/v1/reports/quarterly/view/shared?token=${token}`,
    );
  });
});
