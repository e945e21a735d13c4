import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemOf } from '@app/common';

/** Node's parser errors, answered with the status Node itself would send; anything else it cannot parse is a 400. */
const answers: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    detail: 'The request headers are too large (a huge cookie or token?); send smaller headers',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: 'CHUNK_EXTENSIONS_TOO_LARGE',
    detail: 'The chunk extensions of the request body are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', detail: 'The request was not received in time' },
};
const malformed = { status: 400, code: 'MALFORMED_REQUEST', detail: 'The request is not valid HTTP' };

/**
 * Requests Node's HTTP parser refuses (headers over its 16 KB limit, broken request lines) never reach
 * Express, and Node answers them with a bare status line. These get problem+json like every other error,
 * written to the socket by hand: there is no request or response object, so no middleware (helmet, CORS)
 * and no logging runs for them.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    // Nothing to answer on a connection the client dropped, or whose previous answer is already under way.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) return void socket.destroy();
    const { status, code, detail } = answers[error.code ?? ''] ?? malformed;
    const problem = { ...problemOf(status, detail), code };
    const body = JSON.stringify(problem);
    const head = [
      `HTTP/1.1 ${status} ${problem.title}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}
