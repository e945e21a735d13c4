/** Text made safe for HTML element content and quoted attribute values: every interpolated string goes through it. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * What the small pages a person reaches from an email may load: inline styles, nothing else, and forms only
 * back to this origin (the unsubscribe button). The notice pages send it as their Content-Security-Policy.
 */
export const NOTICE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const NOTICE_STYLE = `body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2330; max-width: 620px; margin: 48px auto; padding: 0 20px; }
  h1 { font-size: 22px; margin: 0 0 16px; } h2 { font-size: 16px; margin: 24px 0 6px; }
  .box { border: 1px solid #e3e7ee; border-radius: 6px; padding: 16px 20px; } .muted { color: #5b6475; font-size: 13px; }
  button { font: inherit; font-weight: 600; color: #fff; background: #2f5bd3; border: 0; border-radius: 5px; padding: 9px 18px; cursor: pointer; }
  ul { padding-left: 20px; } code { background: #f3f6fb; padding: 1px 4px; border-radius: 3px; }`;

/**
 * One small self-contained HTML page (no script, no remote asset) for a person who followed a link from an
 * email: the landing page, the unsubscribe page, a refused or expired link. `body` is HTML the caller built
 * with escapeHtml; the title is escaped here.
 */
export function noticePage(title: string, body: string): string {
  const t = escapeHtml(title);
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${t}</title><style>${NOTICE_STYLE}</style></head>`,
    `<body><main><h1>${t}</h1>${body}</main></body></html>`,
  ].join('\n');
}

/** Paragraphs of plain text as HTML, each escaped. */
export const paragraphs = (...texts: string[]) => texts.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
