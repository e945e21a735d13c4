/** How a failed SMTP send is handled: retried with backoff, or recorded as failed at once. */
export type SendFailure = 'transient' | 'permanent';

/** Errors nodemailer raises before any SMTP reply that no retry can fix (bad address, no recipient). */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * SMTP 5xx is permanent (mailbox unknown, policy refusal: retrying would only hammer the server); 4xx is
 * transient (greylisting, 421 busy). Without a reply code: network and TLS errors, timeouts and anything
 * unknown are transient; the job's bounded attempts turn a persistent one into `failed` in the end.
 */
export function classifySendError(error: unknown): SendFailure {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 500 ? 'permanent' : 'transient';
  return typeof code === 'string' && PERMANENT_CODES.has(code) ? 'permanent' : 'transient';
}

export function describeSendError(error: unknown): string {
  const { responseCode, response, message } = (error ?? {}) as { responseCode?: unknown; response?: unknown; message?: unknown };
  const text = typeof response === 'string' && response ? response : typeof message === 'string' ? message : String(error);
  const reply = typeof responseCode === 'number' && !text.startsWith(String(responseCode)) ? `${responseCode} ` : '';
  return `${reply}${text}`.slice(0, 1_000);
}
