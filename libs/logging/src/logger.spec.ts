import { redactUrl } from './logger';

describe(redactUrl.name, () => {
  it('cuts the values of credential query parameters out of a URL', () => {
    expect(redactUrl('/v1/unsubscribe?token=abc.def')).toBe('/v1/unsubscribe?token=[redacted]');
    expect(redactUrl('/v1/reports/quarterly/view/shared?lang=en&token=abc&x=1')).toBe('/v1/reports/quarterly/view/shared?lang=en&token=[redacted]&x=1');
    expect(redactUrl('/v1/x?TOKEN=a&tok%65n=b&token[]=c&api_key=d&password=e')).toBe('/v1/x?TOKEN=[redacted]&tok%65n=[redacted]&token[]=[redacted]&api_key=[redacted]&password=[redacted]');
  });

  it('leaves other URLs and parameters alone, even malformed ones', () => {
    expect(redactUrl('/v1/brands')).toBe('/v1/brands');
    expect(redactUrl('/v1/influencers?q=token&tag=key&%E0%A4%A=1')).toBe('/v1/influencers?q=token&tag=key&%E0%A4%A=1');
  });
});
