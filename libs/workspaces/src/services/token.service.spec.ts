import { AppConfig } from '@app/config';
import { TokenService } from './token.service';

describe(TokenService.name, () => {
  const config = { JWT_SECRET: 'spec-secret-spec-secret-spec-secret-0000', JWT_TTL_SECONDS: 60 } as AppConfig;
  const claims = { sub: '6f1c2b1e-1d0a-4c55-9a53-2f3b8f0c9e11', wid: '0b7d0f4e-5a8e-4d0b-8d7f-1e6c2a9b3c44' };

  afterEach(() => jest.useRealTimers());

  it('accepts its token again and again until its expiry, then refuses it although it was accepted before', () => {
    jest.useFakeTimers({ now: new Date('2026-12-05T12:00:00.000Z') });
    const tokens = new TokenService(config);
    const token = tokens.sign(claims);
    expect(tokens.verify(token)).toEqual(claims);
    jest.setSystemTime(new Date('2026-12-05T12:00:59.999Z'));
    expect(tokens.verify(token)).toEqual(claims);
    jest.setSystemTime(new Date('2026-12-05T12:01:00.000Z'));
    expect(tokens.verify(token)).toBeUndefined();
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuses a token signed with another secret or altered, however often it is sent', () => {
    const tokens = new TokenService(config);
    const foreign = new TokenService({ ...config, JWT_SECRET: 'another-secret-another-secret-another-00' }).sign(claims);
    const token = tokens.sign(claims);
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, wid: claims.sub, exp: 9_999_999_999 })).toString('base64url')}.${signature}`;
    expect(tokens.verify(token)).toEqual(claims);
    for (let i = 0; i < 2; i++) {
      expect(tokens.verify(foreign)).toBeUndefined();
      expect(tokens.verify(altered)).toBeUndefined();
      expect(tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toBeUndefined();
    }
  });
});
