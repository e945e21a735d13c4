import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { pinoHttp, Options } from 'pino-http';
import { AppConfig } from '@app/config';
import { loggerParams, redactUrl } from './logger';

describe(redactUrl.name, () => {
  it('cuts the values of credential query parameters out of a URL', () => {
    expect(redactUrl('/v1/unsubscribe?token=abc.def')).toBe('/v1/unsubscribe?token=[redacted]');
    expect(redactUrl('/v1/reports/quarterly/view/shared?lang=en&token=abc&x=1')).toBe(
      '/v1/reports/quarterly/view/shared?lang=en&token=[redacted]&x=1',
    );
    expect(redactUrl('/v1/x?TOKEN=a&tok%65n=b&token[]=c&api_key=d&password=e')).toBe(
      '/v1/x?TOKEN=[redacted]&tok%65n=[redacted]&token[]=[redacted]&api_key=[redacted]&password=[redacted]',
    );
  });

  it('leaves other URLs and parameters alone, even malformed ones', () => {
    expect(redactUrl('/v1/brands')).toBe('/v1/brands');
    expect(redactUrl('/v1/influencers?q=token&tag=key&%E0%A4%A=1')).toBe('/v1/influencers?q=token&tag=key&%E0%A4%A=1');
  });
});

describe(loggerParams.name, () => {
  /** The access line pino-http writes for one request answered with `status`. */
  async function accessLine(status: number): Promise<{ level: number; msg: string; err?: unknown }> {
    const lines: string[] = [];
    const options = loggerParams({ LOG_LEVEL: 'info' } as AppConfig).pinoHttp as Options;
    const log = pinoHttp({ ...options, stream: { write: (line: string) => lines.push(line) } });
    const server = createServer((req, res) => {
      log(req, res);
      res.statusCode = status;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/brands`);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    return JSON.parse(lines.at(-1)!);
  }

  it('logs a 503 as a warning without a stand-in error, another 5xx as an error, the rest as info', async () => {
    const refused = await accessLine(503);
    expect(refused).toMatchObject({ level: 40, msg: 'request refused: a dependency is unavailable' });
    expect(refused.err).toBeUndefined();
    expect(await accessLine(500)).toMatchObject({ level: 50, msg: 'request errored', err: expect.any(Object) });
    expect(await accessLine(201)).toMatchObject({ level: 30, msg: 'request completed' });
  });
});
