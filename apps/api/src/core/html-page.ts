import type { Response } from 'express';
import { NOTICE_PAGE_CSP } from '@app/common';

/**
 * Headers of every HTML page a person reaches from an email (report, landing, unsubscribe): the page's own
 * Content-Security-Policy in place of the API's, never cached (private content), and no Referer, so the
 * link's token does not travel to whatever the reader opens next.
 */
export function htmlHeaders(res: Response, csp: string = NOTICE_PAGE_CSP): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/** Answers `html` with `status` and htmlHeaders; for controllers using `@Res({ passthrough: true })`. */
export function htmlPage(res: Response, status: number, html: string, csp?: string): string {
  htmlHeaders(res, csp);
  res.status(status);
  return html;
}
