import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { escapeHtml } from '@app/common';
import { NotificationContent, NotificationRow, RenderedEmail } from '@app/notifications';

/**
 * The notice of a disabled endpoint, in the transaction that disables it (WebhookDelivery): one row per
 * disabling, to the workspace's owners and admins (the endpoints API is theirs). The period is the failing
 * streak's start, so a job run twice finds the row there, and enabling the endpoint (which forgets the streak)
 * lets a later disabling notify again. Named parameters: :id, :now.
 */
export const ENDPOINT_DISABLED_NOTICE = `
  SELECT w.workspace_id, 'webhook_endpoint_disabled', 'webhook_endpoint', w.id, 0,
         to_char(w.failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'managers',
         ARRAY(SELECT u.email FROM members m JOIN users u ON u.id = m.user_id
                WHERE m.workspace_id = w.workspace_id AND m.role IN ('owner', 'admin') ORDER BY lower(u.email)),
         'scheduled', false, CAST(:now AS timestamptz)
  FROM webhook_endpoints w WHERE w.id = :id AND NOT w.enabled`;

interface DisabledEndpoint {
  url: string;
  description: string | null;
  disabledReason: string | null;
  failingSince: Date | null;
  workspaceName: string;
}

/**
 * webhook_endpoint_disabled, rendered at send time: only while the endpoint is still disabled (enabled again
 * or deleted since, there is nothing to warn about: skipped). It names the endpoint by its origin and
 * description, never its full URL, whose path or query may be the receiver's own secret (a Slack-style hook).
 */
@Injectable()
export class WebhookEndpointDisabledEmail extends NotificationContent {
  readonly kinds = ['webhook_endpoint_disabled'] as const;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async render(row: NotificationRow, _data: unknown, appUrl: string): Promise<RenderedEmail | undefined> {
    const [endpoint] = (await this.db.query(
      `SELECT w.url, w.description, w.disabled_reason AS "disabledReason", w.failing_since AS "failingSince", s.name AS "workspaceName"
         FROM webhook_endpoints w JOIN workspaces s ON s.id = w.workspace_id
        WHERE w.id = $1 AND w.workspace_id = $2 AND NOT w.enabled`,
      [row.subjectId, row.workspaceId],
    )) as DisabledEndpoint[];
    if (!endpoint) return undefined;
    const name = `${new URL(endpoint.url).origin}${endpoint.description ? ` (${endpoint.description})` : ''}`;
    const since = endpoint.failingSince?.toISOString() ?? row.period;
    // The API calls as paths, not URLs: a mail client links every URL, and a browser opening an API route gets a JSON 401.
    const api = `/v1/webhook-endpoints/${row.subjectId}`;
    const consoleUrl = `${appUrl.replace(/\/$/, '')}/app/settings/webhooks`;
    const paragraphs = [
      `The webhook endpoint ${name} of ${endpoint.workspaceName} was disabled: ${endpoint.disabledReason ?? 'its deliveries failed'}.`,
      `Nothing more is sent to it. Its events are kept: once the receiver works again, enable the endpoint through the API (PATCH ${api} {"enabled": true}) and replay what it missed (POST ${api}/replay {"since": "${since}"}).`,
      `Each delivery and the receiver's answers: GET ${api}/deliveries. Endpoint id: ${row.subjectId}.`,
    ];
    const e = escapeHtml;
    return {
      subject: `Webhook endpoint disabled: ${name}`,
      text: `${paragraphs.join('\n\n')}\n\nSee your endpoints in the console: ${consoleUrl}\n\n--\n\nSent by Ambassador CRM to the admins of ${endpoint.workspaceName}.\n`,
      html: [
        '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
        ...paragraphs.map((p) => `<p>${e(p)}</p>`),
        `<p><a href="${e(consoleUrl)}">See your endpoints in the console</a></p>`,
        `<hr><p style="font-size:12px;color:#666">Sent by Ambassador CRM to the admins of ${e(endpoint.workspaceName)}.</p>`,
        '</body></html>',
      ].join('\n'),
    };
  }
}
