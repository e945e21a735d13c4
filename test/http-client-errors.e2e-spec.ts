import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { useTestApp } from './support';

/** Writes `raw` to the API over a plain socket and reads the whole answer (the server closes the connection). */
function rawRequest(port: number, raw: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close before it has read everything sent: the answer is already in.
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
    );
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

describe('requests the HTTP parser refuses (e2e: raw sockets)', () => {
  const ctx = useTestApp();
  let port: number;
  beforeAll(async () => {
    await ctx.t.app.listen(0, '127.0.0.1');
    port = (ctx.t.app.getHttpServer().address() as AddressInfo).port;
  });

  it('answers headers over the limit with 431 problem+json naming them, instead of a bare status line', async () => {
    const answer = await rawRequest(port, `GET /v1/me HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);

    expect(answer.status).toBe(431);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/problem+json',
      connection: 'close',
      'x-content-type-options': 'nosniff',
    });
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    expect(JSON.parse(answer.body)).toEqual({
      type: 'https://ambassador-crm.dev/problems/request-header-fields-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: expect.stringMatching(/headers are too large/),
      code: 'HEADERS_TOO_LARGE',
    });
  });

  it('answers a malformed request with 400 problem+json, and keeps serving', async () => {
    const answer = await rawRequest(port, 'GARBAGE\r\n\r\n');

    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, title: 'Bad Request', code: 'MALFORMED_REQUEST' });
    const health = await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(health.status).toBe(200);
  });
});
