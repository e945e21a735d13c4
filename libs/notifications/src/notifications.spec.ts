import { escapeHtml, signToken } from '@app/common';
import { consoleLink, EMAIL_LINK_DAYS, emailLink, verifyEmailLink } from './email-links';
import { TemplateData } from './notification-data';
import { classifySendError, describeSendError } from './send-errors';
import { renderNotification } from './templates';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

describe(classifySendError.name, () => {
  it.each([
    [{ responseCode: 421, response: '421 busy' }, 'transient'],
    [{ responseCode: 451 }, 'transient'],
    [{ responseCode: 550, response: '550 no such user' }, 'permanent'],
    [{ responseCode: 554 }, 'permanent'],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }), 'transient'],
    [Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), 'transient'],
    [Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' }), 'permanent'],
    [new Error('unknown'), 'transient'],
  ])('%o is %s', (error, expected) => expect(classifySendError(error)).toBe(expected));

  it('describes the SMTP reply with its code', () => {
    expect(describeSendError({ responseCode: 550, response: '550 5.1.1 unknown' })).toBe('550 5.1.1 unknown');
    expect(describeSendError(Object.assign(new Error('Message failed'), { responseCode: 421 }))).toBe('421 Message failed');
  });
});

describe(renderNotification.name, () => {
  it('escapes every interpolated value in the HTML part and keeps the text part plain', () => {
    const data = {
      brand: { id: 'b', name: '<script>alert(1)</script> & "Co"', timezone: 'Europe/Paris' },
      influencer: { id: '00000000-0000-4000-8000-000000000001', name: "O'Brien <i>", email: 'x@example.com' },
      contract: {
        id: 'c',
        relationshipId: 'r',
        termNumber: 2,
        startDate: '2026-01-01',
        endDate: '2026-06-30',
        currency: 'EUR',
        retainerMonthly: '1000.0000',
        feePerDeliverable: '150.5000',
        autoRenew: true,
        renewalTermMonths: 6,
        noticeDeadline: '2026-05-31',
      },
      deliverable: null,
      contact: null,
    };
    const row = {
      kind: 'notice_deadline' as const,
      audience: 'managers' as const,
      offsetDays: 7,
      period: '',
      subjectType: 'contract' as const,
      subjectId: 'c1',
    };
    const email = renderNotification({
      row,
      data,
      link: 'https://crm.example.com/v1/email-links/open?token=t.u',
      today: '2026-05-24',
      unsubscribeUrl: 'https://crm.example.com/v1/unsubscribe?token=a.b&x="y"',
    });

    expect(email.subject).toBe(`Notice deadline is in 7 days (31 May 2026): O'Brien <i> × <script>alert(1)</script> & "Co"`);
    expect(email.text).toContain('give notice by 31 May 2026');
    expect(email.text).toContain('retainer 1000.00 EUR a month, 150.50 EUR per deliverable');
    expect(email.text).toContain('Review the renewal: https://crm.example.com/v1/email-links/open?token=t.u');
    expect(email.html).not.toMatch(/<script>|<i>|x="y"/);
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(email.html).toContain('O&#39;Brien &lt;i&gt;');
    expect(email.html).toContain('href="https://crm.example.com/v1/unsubscribe?token=a.b&amp;x=&quot;y&quot;"');
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('words an overdue deliverable for each audience: the influencer is asked to deliver, the managers are told', () => {
    const data = {
      brand: { id: 'b', name: 'Acme', timezone: 'Europe/Paris' },
      influencer: { id: '00000000-0000-4000-8000-000000000002', name: 'Ada', email: 'ada@example.com' },
      contract: null,
      deliverable: { id: 'd1', type: 'reel', platform: 'instagram', dueDate: '2026-05-30', status: 'planned' },
      contact: { name: 'Dana Reyes', email: 'dana@acme.example' },
    };
    const render = (audience: 'influencer' | 'managers') =>
      renderNotification({
        row: { kind: 'deliverable_overdue', audience, offsetDays: 0, period: '', subjectType: 'deliverable', subjectId: 'd1' },
        data,
        link: 'https://crm.example.com/v1/email-links/open?token=t.u',
        today: '2026-05-31',
      });

    const influencer = render('influencer');
    expect(influencer.subject).toBe('Overdue: your reel for Acme');
    expect(influencer.text).toContain('Hi Ada, your reel for Acme was due on 30 May 2026 and is not published yet');
    expect(influencer.text).toContain('Your contact at Acme is Dana Reyes (dana@acme.example): reply to this email to reach them.');
    expect(influencer.text).toContain(
      'This notice is about your contract with Acme, so it is sent even if you unsubscribed from reminders.',
    );
    const managers = render('managers');
    expect(managers.subject).toBe('Overdue: reel for Acme (Ada)');
    expect(managers.text).toContain('This deliverable of Ada × Acme is past its due date');
    expect(managers.text).not.toMatch(/your reel|Hi Ada/);
  });
});

describe(verifyUnsubscribeToken.name, () => {
  const secret = 's'.repeat(40);
  const claim = { workspaceId: '6f1c1f7e-3f0a-4c55-9d59-2f1a7a3c9e10', email: 'Creator@Example.com' };
  const expires = new Date('2026-06-01T00:00:00Z');
  const before = new Date('2026-05-31T23:59:59Z');

  it('accepts its own token until it expires and refuses altered, truncated, foreign or old-format ones', () => {
    const token = signUnsubscribeToken(secret, claim, expires);
    expect(verifyUnsubscribeToken(secret, token, before)).toEqual({
      state: 'valid',
      value: { workspaceId: claim.workspaceId, email: 'creator@example.com' },
    });
    expect(verifyUnsubscribeToken(secret, token, expires)).toEqual({ state: 'expired', expiredAt: expires });
    const invalid = { state: 'invalid' };
    expect(verifyUnsubscribeToken('t'.repeat(40), token, before)).toEqual(invalid);
    expect(verifyUnsubscribeToken(secret, token.slice(0, -1), before)).toEqual(invalid);
    const other = signUnsubscribeToken(secret, { ...claim, email: 'other@example.com' }, expires);
    expect(verifyUnsubscribeToken(secret, `${other.split('.')[0]}.${token.split('.')[1]}`, before)).toEqual(invalid);
    expect(verifyUnsubscribeToken(secret, undefined, before)).toEqual(invalid);
    expect(verifyUnsubscribeToken(secret, 'a.b.c', before)).toEqual(invalid);
    // The first format: no expiry, another purpose; it never passes again.
    expect(verifyUnsubscribeToken(secret, signToken(secret, 'unsubscribe', [claim.workspaceId, 'creator@example.com']), before)).toEqual(
      invalid,
    );
  });
});

describe(verifyEmailLink.name, () => {
  const secret = 's'.repeat(40);
  const id = '6f1c1f7e-3f0a-4c55-9d59-2f1a7a3c9e10';

  it('names the notification until EMAIL_LINK_DAYS have passed', () => {
    const sentAt = new Date('2026-05-01T09:00:00Z');
    const url = emailLink(secret, 'https://crm.example.com/', { id, audience: 'influencer', subjectType: 'deliverable' }, sentAt);
    const token = new URL(url).searchParams.get('token') as string;
    expect(url).toBe(`https://crm.example.com/v1/email-links/open?token=${token}`);
    const expiresAt = new Date(sentAt.getTime() + EMAIL_LINK_DAYS * 24 * 3600 * 1000);
    expect(verifyEmailLink(secret, token, new Date(expiresAt.getTime() - 1000))).toEqual({ state: 'valid', value: id });
    expect(verifyEmailLink(secret, token, expiresAt)).toEqual({ state: 'expired', expiredAt: expiresAt });
    expect(verifyEmailLink('t'.repeat(40), token, sentAt)).toEqual({ state: 'invalid' });
    expect(verifyEmailLink(secret, signUnsubscribeToken(secret, { workspaceId: id, email: 'a@b.c' }, expiresAt), sentAt)).toEqual({
      state: 'invalid',
    });
  });
});

describe(consoleLink.name, () => {
  const data = {
    brand: { id: 'b1', name: 'Acme', timezone: 'Europe/Paris' },
    contract: { relationshipId: 'r1' },
  } as TemplateData;

  it("opens the console page a managers' email is about; influencers' links stay signed landing pages", () => {
    const app = 'https://crm.example.com/';
    const sentAt = new Date('2026-05-01T09:00:00Z');
    const managers = (subjectType: 'contract' | 'deliverable' | 'brand') => ({ id: 'n1', audience: 'managers' as const, subjectType });
    expect(emailLink('s'.repeat(40), app, managers('contract'), sentAt, data)).toBe(
      'https://crm.example.com/app/relationships/r1?tab=terms',
    );
    expect(emailLink('s'.repeat(40), app, managers('deliverable'), sentAt, data)).toBe(
      'https://crm.example.com/app/relationships/r1?tab=deliverables',
    );
    expect(consoleLink(app, { subjectType: 'brand' }, data, '2026-Q3')).toBe(
      'https://crm.example.com/app/reports?brand=b1&quarter=2026-Q3',
    );
    // The subject is gone: the signed landing page says so.
    expect(emailLink('s'.repeat(40), app, managers('contract'), sentAt, undefined)).toMatch(/\/v1\/email-links\/open\?token=/);
    expect(emailLink('s'.repeat(40), app, { ...managers('deliverable'), audience: 'influencer' }, sentAt, data)).toMatch(
      /\/v1\/email-links\/open\?token=/,
    );
  });
});
