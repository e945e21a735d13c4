import { DateTime } from 'luxon';
import { escapeHtml, formatMoney } from '@app/common';
import { NotificationKind, NotificationRow } from './notification-kinds';
import { RenderedEmail } from './notification-content';
import { TemplateData } from './notification-data';

export interface RenderInput {
  row: Pick<NotificationRow, 'kind' | 'audience' | 'offsetDays' | 'period' | 'subjectType' | 'subjectId'>;
  data: TemplateData;
  appUrl: string;
  /** Set for an influencer recipient: the footer link (the List-Unsubscribe header is added by the sender). */
  unsubscribeUrl?: string;
}

/** A template gives plain strings only; layout() escapes every one of them for the HTML part. */
interface Content {
  subject: string;
  paragraphs: string[];
  action: string;
}

// Moved to libs/common (the report renderer escapes with it too); still exported here for existing callers.
export { escapeHtml };

const day = (iso: string) => DateTime.fromISO(iso).toFormat('d LLL yyyy');
const inDays = (n: number) => (n === 0 ? 'today' : n === 1 ? 'in 1 day' : `in ${n} days`);
const money = (value: string, currency: string) => `${formatMoney(value, currency)} ${currency}`;

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`template needs a ${what}`);
  return value;
}

function contractTerms(d: TemplateData): string {
  const c = need(d.contract, 'contract');
  return `Term ${c.termNumber}: ${day(c.startDate)} – ${day(c.endDate)}; retainer ${money(c.retainerMonthly, c.currency)} a month, ${money(c.feePerDeliverable, c.currency)} per deliverable.`;
}

const pair = (d: TemplateData) => `${d.influencer?.name ?? 'the influencer'} × ${d.brand.name}`;

function deliverableLine(d: TemplateData): string {
  const x = need(d.deliverable, 'deliverable');
  return `${x.type} on ${x.platform}, due ${day(x.dueDate)} (status: ${x.status.replace(/_/g, ' ')})`;
}

/** Kinds about a brand, contract or deliverable. member_invitation has no such subject: libs/workspaces renders it (InvitationEmail). */
type TemplatedKind = Exclude<NotificationKind, 'member_invitation'>;

const templates: Record<TemplatedKind, (d: TemplateData, row: RenderInput['row']) => Content> = {
  renewal_upcoming: (d, row) => {
    const c = need(d.contract, 'contract');
    const renews = c.autoRenew
      ? `It renews automatically${c.renewalTermMonths ? ` for ${c.renewalTermMonths} months` : ''} unless notice is given by ${day(c.noticeDeadline)}.`
      : 'It does not renew automatically: decide now whether to offer a new term.';
    return {
      subject: `Contract ends ${inDays(row.offsetDays)}: ${pair(d)}`,
      paragraphs: [`The contract of ${pair(d)} ends on ${day(c.endDate)}.`, renews, contractTerms(d)],
      action: 'Open the contract',
    };
  },
  notice_deadline: (d, row) => {
    const c = need(d.contract, 'contract');
    return {
      subject: `Notice deadline ${inDays(row.offsetDays)}: ${pair(d)}`,
      paragraphs: [
        `The contract of ${pair(d)} renews automatically after ${day(c.endDate)}.`,
        `To stop the renewal, give notice by ${day(c.noticeDeadline)}.`,
        contractTerms(d),
      ],
      action: 'Review the renewal',
    };
  },
  renewed: (d) => ({
    subject: `Contract renewed: ${pair(d)}`,
    paragraphs: [`The contract of ${pair(d)} was renewed.`, contractTerms(d)],
    action: 'Open the contract',
  }),
  ended: (d) => {
    const c = need(d.contract, 'contract');
    return {
      subject: `Contract ended: ${pair(d)}`,
      paragraphs: [`The contract of ${pair(d)} ended on ${day(c.endDate)}.`, contractTerms(d)],
      action: 'Open the contract',
    };
  },
  deliverable_due_soon: (d) => ({
    subject: `Due ${day(need(d.deliverable, 'deliverable').dueDate)}: your ${need(d.deliverable, 'deliverable').type} for ${d.brand.name}`,
    paragraphs: [`Hi ${d.influencer?.name ?? 'there'}, a reminder of your next deliverable for ${d.brand.name}:`, deliverableLine(d)],
    action: 'See the deliverable',
  }),
  // Two emails of one moment: the influencer is asked to deliver, the managers are told it is late.
  deliverable_overdue: (d, row) => {
    const x = need(d.deliverable, 'deliverable');
    if (row.audience === 'influencer') {
      return {
        subject: `Overdue: your ${x.type} for ${d.brand.name}`,
        paragraphs: [
          `Hi ${d.influencer?.name ?? 'there'}, your ${x.type} for ${d.brand.name} was due on ${day(x.dueDate)} and is not published yet:`,
          deliverableLine(d),
          `If it is live already, send the link to your contact at ${d.brand.name}; if you need more time, let them know.`,
        ],
        action: 'See the deliverable',
      };
    }
    return {
      subject: `Overdue: ${x.type} for ${d.brand.name} (${d.influencer?.name ?? 'influencer'})`,
      paragraphs: [`This deliverable of ${pair(d)} is past its due date:`, deliverableLine(d)],
      action: 'See the deliverable',
    };
  },
  approval_waiting: (d) => ({
    subject: `Waiting for your approval: ${d.influencer?.name ?? 'influencer'}'s ${need(d.deliverable, 'deliverable').type} for ${d.brand.name}`,
    paragraphs: [`Content of ${pair(d)} has been submitted and waits for review:`, deliverableLine(d)],
    action: 'Review the content',
  }),
  quarterly_report: (d, row) => ({
    subject: `${d.brand.name}: quarterly report${row.period ? ` ${row.period}` : ''}`,
    paragraphs: [`The ambassador program report of ${d.brand.name}${row.period ? ` for ${row.period}` : ''} is ready.`],
    action: 'Open the brand',
  }),
};

const paths: Record<Exclude<RenderInput['row']['subjectType'], 'invitation'>, string> = {
  contract: 'contracts',
  deliverable: 'deliverables',
  brand: 'brands',
};

/** Subject, plain text and HTML of one notification; every interpolated value is escaped in the HTML. */
export function renderNotification({ row, data, appUrl, unsubscribeUrl }: RenderInput): RenderedEmail {
  const content = templates[row.kind as TemplatedKind](data, row);
  const link = `${appUrl.replace(/\/$/, '')}/v1/${paths[row.subjectType as keyof typeof paths]}/${row.subjectId}`;
  const footer = unsubscribeUrl
    ? `You receive this because you work with ${data.brand.name}. Unsubscribe: ${unsubscribeUrl}`
    : `Sent by Ambassador CRM for ${data.brand.name}.`;
  const text = [...content.paragraphs, `${content.action}: ${link}`, '--', footer].join('\n\n') + '\n';
  const e = escapeHtml;
  const footerHtml = unsubscribeUrl
    ? `You receive this because you work with ${e(data.brand.name)}. <a href="${e(unsubscribeUrl)}">Unsubscribe</a>`
    : `Sent by Ambassador CRM for ${e(data.brand.name)}.`;
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    ...content.paragraphs.map((p) => `<p>${e(p)}</p>`),
    `<p><a href="${e(link)}">${e(content.action)}</a></p>`,
    `<hr><p style="font-size:12px;color:#666">${footerHtml}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
