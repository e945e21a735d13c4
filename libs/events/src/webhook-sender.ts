import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Agent, fetch } from 'undici';
import { AppConfig } from '@app/config';
import { guardedLookup, HostResolver, refusedUrlReason, UrlRefused } from './url-policy';

/** Bytes of a receiver's answer kept with an attempt. */
export const EXCERPT_BYTES = 1_024;

export interface SendResult {
  status: number | null;
  excerpt: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * One signed POST to a receiver through undici's fetch: redirects are not followed (a 3xx is a failure, never
 * a hop to an address nobody checked), the answer must come within WEBHOOK_TIMEOUT_MS, and where private
 * URLs are refused the URL is checked again now and the connection itself may only reach a public address.
 * Never throws: every outcome is an attempt to record.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly agent: Agent;

  constructor(
    private readonly config: AppConfig,
    private readonly resolver: HostResolver,
  ) {
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
    const refused = await refusedUrlReason(url, this.config.WEBHOOK_ALLOW_PRIVATE_URLS!, this.resolver);
    if (refused) return done({ status: null, excerpt: null, error: `refused: url ${refused}` });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      return done({ status: response.status, excerpt: await excerptOf(response.body), error: null });
    } catch (error) {
      return done({ status: null, excerpt: null, error: describe(error) });
    }
  }
}

/** The first EXCERPT_BYTES of an answer, then the rest is cancelled: a receiver cannot make us read megabytes. */
async function excerptOf(body: ReadableStream<Uint8Array> | null): Promise<string | null> {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A body cut short still gives what came.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
  return text.length ? text : null;
}

function describe(error: unknown): string {
  const e = error as Error & { cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  if (e.cause instanceof UrlRefused) return `refused: ${e.cause.message}`;
  return e.cause ? `${e.cause.code ?? e.cause.name}: ${e.cause.message}` : e.message;
}
