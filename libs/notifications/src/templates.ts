import { DateTime } from 'luxon';
import { escapeHtml, formatMoney } from '@app/common';
import { NotificationKind, NotificationRow } from './notification-kinds';
import { RenderedEmail } from './notification-content';
import { TemplateData } from './notification-data';

export interface RenderInput {
  row: Pick<NotificationRow, 'kind' | 'audience' | 'offsetDays' | 'period' | 'subjectType' | 'subjectId'>;
  data: TemplateData;
  /** Where the action link lands (emailLink). */
  link: string;
  /** Today in the brand's time zone when the email is rendered (send time): reminders count the days from it. */
  today: string;
  /** Set for an influencer reminder an unsubscribe stops: the footer link (the List-Unsubscribe header is added by the sender). */
  unsubscribeUrl?: string;
}

/** A template gives plain strings only; renderNotification escapes every one of them for the HTML part. */
export interface EmailContent {
  subject: string;
  paragraphs: string[];
  action: string;
}

const day = (iso: string) => DateTime.fromISO(iso).toFormat('d LLL yyyy');
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);
const daysUntil = (from: string, to: string) =>
  Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);

/**
 * "ends in 26 days (31 Dec 2026)": counted from the day the email is sent, not from the reminder's nominal offset
 * (a reminder sent late after downtime, or retried, would otherwise say 30 days when 26 are left).
 */
function when(today: string, date: string, future: string, past: string): string {
  const n = daysUntil(today, date);
  const relative = n === 0 ? `${future} today` : n > 0 ? `${future} in ${days(n)}` : `${past} ${days(-n)} ago`;
  return `${relative} (${day(date)})`;
}
const money = (value: string, currency: string) => `${formatMoney(value, currency)} ${currency}`;

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`template needs a ${what}`);
  return value;
}

function contractTerms(d: TemplateData): string {
  const c = need(d.contract, 'contract');
  return `Term ${c.termNumber}: ${day(c.startDate)} – ${day(c.endDate)}; retainer ${money(c.retainerMonthly, c.currency)} a month, ${money(c.feePerDeliverable, c.currency)} per deliverable.`;
}

/** Whom the influencer reaches by replying (the Reply-To), named in their emails. */
const contactLine = (d: TemplateData) =>
  d.contact
    ? `Your contact at ${d.brand.name} is ${d.contact.name} (${d.contact.email}): reply to this email to reach them.`
    : `Reply to this email to reach the ${d.brand.name} team.`;

const pair = (d: TemplateData) => `${d.influencer?.name ?? 'the influencer'} × ${d.brand.name}`;

function deliverableLine(d: TemplateData): string {
  const x = need(d.deliverable, 'deliverable');
  return `${x.type} on ${x.platform}, due ${day(x.dueDate)} (status: ${x.status.replace(/_/g, ' ')})`;
}

/**
 * Kinds about a brand, contract or deliverable. member_invitation, the payout statements, the portal's sign-in
 * link and a disabled webhook endpoint have no such subject: libs/workspaces (InvitationEmail), libs/payouts
 * (PayoutStatementEmail), libs/portal (PortalSignInEmail) and libs/events (WebhookEndpointDisabledEmail) render them.
 */
type TemplatedKind = Exclude<
  NotificationKind,
  'member_invitation' | 'payout_approved' | 'payout_paid' | 'portal_sign_in' | 'webhook_endpoint_disabled'
>;

const templates: Record<TemplatedKind, (d: TemplateData, row: RenderInput['row'], today: string) => EmailContent> = {
  renewal_upcoming: (d, _row, today) => {
    const c = need(d.contract, 'contract');
    const renews = c.autoRenew
      ? `It renews automatically${c.renewalTermMonths ? ` for ${c.renewalTermMonths} months` : ''} unless notice is given by ${day(c.noticeDeadline)}.`
      : 'It does not renew automatically: decide now whether to offer a new term.';
    return {
      subject: `Contract ${when(today, c.endDate, 'ends', 'ended')}: ${pair(d)}`,
      paragraphs: [`The contract of ${pair(d)} ends on ${day(c.endDate)}.`, renews, contractTerms(d)],
      action: 'Open the contract',
    };
  },
  notice_deadline: (d, _row, today) => {
    const c = need(d.contract, 'contract');
    return {
      subject: `Notice deadline ${when(today, c.noticeDeadline, 'is', 'passed')}: ${pair(d)}`,
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
    paragraphs: [
      `Hi ${d.influencer?.name ?? 'there'}, a reminder of your next deliverable for ${d.brand.name}:`,
      deliverableLine(d),
      contactLine(d),
    ],
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
          `If it is live already, reply with its link; if you need more time, let ${d.contact?.name ?? 'the team'} know.`,
          contactLine(d),
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
  terms_to_accept: (d) => ({
    subject: `Your terms with ${d.brand.name} are ready to accept`,
    paragraphs: [
      `Hi ${d.influencer?.name ?? 'there'}, ${d.brand.name} sent you the terms of your ambassadorship to read and accept:`,
      contractTerms(d),
      contactLine(d),
    ],
    action: 'Read and accept the terms',
  }),
  changes_requested: (d) => ({
    subject: `Changes requested: your ${need(d.deliverable, 'deliverable').type} for ${d.brand.name}`,
    paragraphs: [
      `Hi ${d.influencer?.name ?? 'there'}, ${d.brand.name} reviewed your content and asks for changes (their comment is on the deliverable's page):`,
      deliverableLine(d),
      contactLine(d),
    ],
    action: 'See the comment and resubmit',
  }),
  deliverable_submitted: (d) => ({
    subject: `Submitted: ${d.influencer?.name ?? 'influencer'}'s ${need(d.deliverable, 'deliverable').type} for ${d.brand.name}`,
    paragraphs: [
      `${d.influencer?.name ?? 'The influencer'} handed in content in the ambassador portal; it waits for your review:`,
      deliverableLine(d),
    ],
    action: 'Review the content',
  }),
  quarterly_report: (d, row) => ({
    subject: `${d.brand.name}: quarterly report${row.period ? ` ${row.period}` : ''}`,
    paragraphs: [`The ambassador program report of ${d.brand.name}${row.period ? ` for ${row.period}` : ''} is ready.`],
    action: 'Open the brand',
  }),
};

/**
 * What an email says, as plain strings: its subject, paragraphs and the words of its action link (also the landing
 * page's text). `today` is the brand's calendar day the days are counted from.
 */
export const emailContent = (row: RenderInput['row'], data: TemplateData, today: string): EmailContent =>
  templates[row.kind as TemplatedKind](data, row, today);

/** Subject, plain text and HTML of one notification; every interpolated value is escaped in the HTML. */
export function renderNotification({ row, data, link, today, unsubscribeUrl }: RenderInput): RenderedEmail {
  const content = emailContent(row, data, today);
  const contractual = `This notice is about your contract with ${data.brand.name}, so it is sent even if you unsubscribed from reminders.`;
  const footer = unsubscribeUrl
    ? `You receive this because you work with ${data.brand.name}. Unsubscribe from reminders: ${unsubscribeUrl}`
    : row.audience === 'influencer'
      ? contractual
      : `Sent by Ambassador CRM for ${data.brand.name}.`;
  const text = [...content.paragraphs, `${content.action}: ${link}`, '--', footer].join('\n\n') + '\n';
  const e = escapeHtml;
  const footerHtml = unsubscribeUrl
    ? `You receive this because you work with ${e(data.brand.name)}. <a href="${e(unsubscribeUrl)}">Unsubscribe from reminders</a>`
    : e(footer);
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    ...content.paragraphs.map((p) => `<p>${e(p)}</p>`),
    `<p><a href="${e(link)}">${e(content.action)}</a></p>`,
    `<hr><p style="font-size:12px;color:#666">${footerHtml}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
