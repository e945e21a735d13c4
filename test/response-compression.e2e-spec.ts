import { IncomingHttpHeaders, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { brandWithRelationships, useTestApp } from './support';

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The bytes as they travel: supertest, like fetch, would decode them before the test could look. */
function read(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('compressed answers (e2e)', () => {
  const ctx = useTestApp();
  let baseUrl: string;

  beforeAll(async () => {
    await ctx.t.app.listen(0, '127.0.0.1');
    baseUrl = (await ctx.t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  it("sends the console's and the portal's scripts compressed to the very bytes of the file", async () => {
    for (const app of ['/app/', '/portal/']) {
      const page = await read(`${baseUrl}${app}`, {});
      const script = new RegExp(`src="(${app}assets/[^"]+\\.js)"`).exec(page.body.toString('utf8'))?.[1];
      expect(script).toBeDefined();
      const identity = await read(`${baseUrl}${script}`, {});
      const gzipped = await read(`${baseUrl}${script}`, { 'accept-encoding': 'gzip, deflate' });
      const brotli = await read(`${baseUrl}${script}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers.vary).toMatch(/accept-encoding/i);
      expect(brotli.headers['cache-control']).toContain('immutable');
      expect(brotli.body.length).toBeLessThan(identity.body.length / 2);
      expect(gunzipSync(gzipped.body).equals(identity.body)).toBe(true);
      expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    }
  });

  it("leaves the API's answers to a proxy: a large report goes out as it is", async () => {
    const program = await brandWithRelationships(
      ctx.t.http,
      ctx.owner,
      {},
      Array.from({ length: 12 }, (_, i) => ({ followers: 2_000 + i * 9_000 })),
    );
    const report = await read(`${baseUrl}/v1/reports/quarterly?brandId=${program.brandId}&quarter=2026-Q3`, {
      ...ctx.owner.auth,
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(report.status).toBe(200);
    expect(report.body.length).toBeGreaterThan(1024);
    expect(report.headers['content-encoding']).toBeUndefined();
  });
});
