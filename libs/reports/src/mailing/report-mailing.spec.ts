import { signUnsubscribeToken } from '@app/notifications';
import { quarterCloseAt, quarterOfPeriod, reportPeriod } from './quarter-close';
import { reportLinkUrl, signReportLink, verifyReportLink } from './report-link';

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
  const claim = {
    workspaceId: '6f1c1f7e-3f0a-4c55-9d59-2f1a7a3c9e10',
    brandId: '1d2c3b4a-0000-4000-8000-000000000001',
    quarter: '2026-Q3',
  };
  const expires = new Date('2026-11-01T00:00:00Z');

  it('accepts its own link until it expires; refuses altered, foreign or other-purpose tokens', () => {
    const token = signReportLink(secret, claim, expires);
    expect(verifyReportLink(secret, token, new Date('2026-10-31T23:59:59Z'))).toEqual(claim);
    expect(verifyReportLink(secret, token, expires)).toBeUndefined();
    expect(verifyReportLink('t'.repeat(40), token, new Date('2026-10-01T00:00:00Z'))).toBeUndefined();
    expect(
      verifyReportLink(
        secret,
        `${signReportLink(secret, { ...claim, brandId: 'other' }, expires).split('.')[0]}.${token.split('.')[1]}`,
        new Date('2026-10-01T00:00:00Z'),
      ),
    ).toBeUndefined();
    expect(
      verifyReportLink(
        secret,
        signUnsubscribeToken(secret, { workspaceId: claim.workspaceId, email: 'a@b.c' }),
        new Date('2026-10-01T00:00:00Z'),
      ),
    ).toBeUndefined();
    expect(verifyReportLink(secret, undefined, new Date())).toBeUndefined();
    expect(reportLinkUrl('https://crm.example.com/', token)).toBe(
      `https://crm.example.com/v1/reports/quarterly/view/shared?token=${token}`,
    );
  });
});
