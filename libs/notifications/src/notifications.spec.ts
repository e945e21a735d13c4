import { classifySendError, describeSendError } from './send-errors';
import { escapeHtml, renderNotification } from './templates';
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
      influencer: { name: "O'Brien <i>", email: 'x@example.com' },
      contract: {
        id: 'c',
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
      today: '2026-05-24',
      appUrl: 'https://crm.example.com/',
      unsubscribeUrl: 'https://crm.example.com/v1/unsubscribe?token=a.b&x="y"',
    });

    expect(email.subject).toBe(`Notice deadline is in 7 days (31 May 2026): O'Brien <i> × <script>alert(1)</script> & "Co"`);
    expect(email.text).toContain('give notice by 31 May 2026');
    expect(email.text).toContain('retainer 1000.00 EUR a month, 150.50 EUR per deliverable');
    expect(email.text).toContain('https://crm.example.com/v1/contracts/c1');
    expect(email.html).not.toMatch(/<script>|<i>|x="y"/);
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(email.html).toContain('O&#39;Brien &lt;i&gt;');
    expect(email.html).toContain('href="https://crm.example.com/v1/unsubscribe?token=a.b&amp;x=&quot;y&quot;"');
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('words an overdue deliverable for each audience: the influencer is asked to deliver, the managers are told', () => {
    const data = {
      brand: { id: 'b', name: 'Acme', timezone: 'Europe/Paris' },
      influencer: { name: 'Ada', email: 'ada@example.com' },
      contract: null,
      deliverable: { id: 'd1', type: 'reel', platform: 'instagram', dueDate: '2026-05-30', status: 'planned' },
    };
    const render = (audience: 'influencer' | 'managers') =>
      renderNotification({
        row: { kind: 'deliverable_overdue', audience, offsetDays: 0, period: '', subjectType: 'deliverable', subjectId: 'd1' },
        data,
        today: '2026-05-31',
        appUrl: 'https://crm.example.com',
      });

    const influencer = render('influencer');
    expect(influencer.subject).toBe('Overdue: your reel for Acme');
    expect(influencer.text).toContain('Hi Ada, your reel for Acme was due on 30 May 2026 and is not published yet');
    const managers = render('managers');
    expect(managers.subject).toBe('Overdue: reel for Acme (Ada)');
    expect(managers.text).toContain('This deliverable of Ada × Acme is past its due date');
    expect(managers.text).not.toMatch(/your reel|Hi Ada/);
  });
});

describe(verifyUnsubscribeToken.name, () => {
  const secret = 's'.repeat(40);
  const claim = { workspaceId: '6f1c1f7e-3f0a-4c55-9d59-2f1a7a3c9e10', email: 'Creator@Example.com' };

  it('accepts its own token and refuses altered, truncated or foreign ones', () => {
    const token = signUnsubscribeToken(secret, claim);
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ workspaceId: claim.workspaceId, email: 'creator@example.com' });
    expect(verifyUnsubscribeToken('t'.repeat(40), token)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, token.slice(0, -1))).toBeUndefined();
    expect(
      verifyUnsubscribeToken(
        secret,
        `${signUnsubscribeToken(secret, { ...claim, email: 'other@example.com' }).split('.')[0]}.${token.split('.')[1]}`,
      ),
    ).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, undefined)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, 'a.b.c')).toBeUndefined();
  });
});
