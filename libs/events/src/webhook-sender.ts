import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Agent } from 'undici';
import { AppConfig } from '@app/config';
import { CachedHostResolver, guardedLookup, HostResolver, refusedUrlReason, UrlRefused } from './url-policy';

/** How long the check before each POST reuses a name's addresses (the connection's own lookup is never cached). */
const CHECK_DNS_TTL_MS = 10_000;

/** Bytes of a receiver's answer kept with an attempt. */
export const EXCERPT_BYTES = 1_024;

export interface SendResult {
  status: number | null;
  excerpt: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * One signed POST to a receiver through undici's request API on an agent of its own (keep-alive connections
 * to each receiver): redirects are not followed (undici's dispatcher follows none; a 3xx is a failure, never
 * a hop to an address nobody checked), the answer must come within WEBHOOK_TIMEOUT_MS, and where private
 * URLs are refused the URL is checked again now and the connection itself may only reach a public address.
 * Not fetch: its WHATWG Request, Response and streams were a quarter of a worker's CPU per delivery (bench/webhooks).
 * Never throws: every outcome is an attempt to record.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly agent: Agent;
  private readonly checkResolver: HostResolver;

  constructor(
    private readonly config: AppConfig,
    resolver: HostResolver,
  ) {
    this.checkResolver = new CachedHostResolver(resolver, CHECK_DNS_TTL_MS);
    this.agent = new Agent({
      connect: { timeout: config.WEBHOOK_TIMEOUT_MS, ...(!config.WEBHOOK_ALLOW_PRIVATE_URLS && { lookup: guardedLookup(resolver) }) },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const done = (result: Omit<SendResult, 'durationMs'>): SendResult => ({
      ...result,
      durationMs: Math.round(performance.now() - started),
    });
    const refused = await refusedUrlReason(url, this.config.WEBHOOK_ALLOW_PRIVATE_URLS!, this.checkResolver);
    if (refused) return done({ status: null, excerpt: null, error: `refused: url ${refused}` });
    try {
      const parsed = new URL(url);
      const response = await this.agent.request({
        origin: parsed.origin,
        path: parsed.pathname + parsed.search,
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      return done({ status: response.statusCode, excerpt: await excerptOf(response.body), error: null });
    } catch (error) {
      return done({ status: null, excerpt: null, error: describe(error) });
    }
  }
}

/**
 * The first EXCERPT_BYTES of an answer; a longer one is cut off there (its connection closed): a receiver
 * cannot make us read megabytes. A short one is read to its end, so its connection is kept for the next POST.
 */
async function excerptOf(body: Readable): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= EXCERPT_BYTES) break;
    }
  } catch {
    // A body cut short still gives what came.
  } finally {
    body.destroy();
  }
  // PostgreSQL text holds no NUL (one would fail the statement that records the attempt, and its batch).
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').replaceAll('\0', '');
  return text.length ? text : null;
}

function describe(error: unknown): string {
  const e = error as Error & { code?: string; cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  if (e instanceof UrlRefused) return `refused: ${e.message}`;
  if (e.cause instanceof UrlRefused) return `refused: ${e.cause.message}`;
  const cause = e.code ? e : (e.cause ?? e);
  return `${cause.code ?? cause.name}: ${cause.message}`;
}
