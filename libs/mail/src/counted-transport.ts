import { AppMetrics, statusClass } from '@app/metrics';
import { MailTransport } from './mail-transport';

/**
 * Counts every message the transport accepts (acrm_emails_sent_total) and every send that throws
 * (acrm_emails_failed_total, by SMTP reply class: 4xx is retried, 5xx is given up; `none` is a network,
 * TLS or timeout error). Counted here, at the one place every email passes, whichever job sends it.
 */
export function countedTransport(transport: MailTransport, metrics: AppMetrics): MailTransport {
  return {
    async send(message) {
      try {
        const sent = await transport.send(message);
        metrics.emailsSent.inc();
        return sent;
      } catch (error) {
        const { responseCode } = (error ?? {}) as { responseCode?: unknown };
        metrics.emailsFailed.inc({ reply: typeof responseCode === 'number' ? statusClass(responseCode) : 'none' });
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
