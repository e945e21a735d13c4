import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body: { type, timestamp, data }. */
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * A real HTTP receiver in the test process. Every request is kept; `answers` (status codes) are used one per
 * request, first in first out, then 204.
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  answers: number[];
  /** A slow receiver: waits `ms` before answering each request (it is kept when it arrives). */
  delay: (ms: number) => void;
  /** The most requests that were open at once since the last reset. */
  peak: { value: number; reset: () => void };
  /** Received requests that verify with `secret` through the standardwebhooks package (an independent implementation). */
  verified: (secret: string) => ReceivedWebhook[];
  close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  let delayMs = 0;
  let open = 0;
  const peak = {
    value: 0,
    reset: () => {
      peak.value = open;
    },
  };
  const server: Server = createServer((request, response) => {
    peak.value = Math.max(peak.value, ++open);
    response.on('close', () => open--);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: request.url ?? '/', headers: request.headers, body, json: JSON.parse(body) });
      response.statusCode = answers.shift() ?? 204;
      const answer = () => response.end(response.statusCode >= 300 ? 'receiver says no' : undefined);
      if (delayMs) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answers,
    delay: (ms) => {
      delayMs = ms;
    },
    peak,
    verified: (secret) => received.filter((r) => verifies(secret, r)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function verifies(secret: string, r: Pick<ReceivedWebhook, 'headers' | 'body'>): boolean {
  try {
    new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}
