import { DataSource } from 'typeorm';
import { RequestContext, Role } from '@app/common';
import { eventMoney, eventMoneySql, recordEvent, recordEvents } from '@app/events';
import { useTestApp } from './support';

/** The outbox's one rule: an event exists if and only if the change that records it commits. */
describe('domain events outbox (integration)', () => {
  const ctx = useTestApp();
  const db = () => ctx.t.app.get(DataSource);
  const asOwner = <T>(fn: () => Promise<T>) =>
    RequestContext.run(fn, { workspaceId: ctx.owner.workspaceId, role: Role.Owner, userId: ctx.owner.userId });
  const event = (subjectId: string) => ({
    type: 'influencer.created' as const,
    subjectType: 'influencer' as const,
    subjectId,
    data: { influencerId: subjectId },
  });
  const countOf = async (subjectId: string) =>
    Number((await db().query(`SELECT count(*) FROM domain_events WHERE subject_id = $1`, [subjectId]))[0].count);

  it('records nothing when the transaction rolls back, and the event when it commits', async () => {
    const subject = crypto.randomUUID();
    await expect(
      asOwner(() =>
        db().transaction(async (manager) => {
          await recordEvent(manager, event(subject));
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    expect(await countOf(subject)).toBe(0);
    await asOwner(() => db().transaction((manager) => recordEvent(manager, event(subject))));
    expect(await countOf(subject)).toBe(1);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(asOwner(() => recordEvent(db().manager, event(crypto.randomUUID())))).rejects.toThrow(/inside the transaction/);
  });

  it('records a set in one statement, in the order given, with time-ordered ids', async () => {
    const subjects = Array.from({ length: 2_000 }, () => crypto.randomUUID());
    const recorded = await asOwner(() => db().transaction((manager) => recordEvents(manager, subjects.map(event))));
    const rows: { id: string; subject_id: string }[] = await db().query(
      `SELECT id, subject_id FROM domain_events WHERE subject_id = ANY($1) ORDER BY seq`,
      [subjects],
    );
    expect(rows.map((r) => r.subject_id)).toEqual(subjects);
    expect(recorded.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/.test(r.id))).toBe(true);
  });

  it("writes amounts as the API shows them, in SQL (set-based writers) exactly as in TypeScript: the currency's minor units, half to even", async () => {
    const cases = [
      ['90.0000', 'EUR', '90.00'],
      ['9.9990', 'EUR', '10.00'],
      ['0.1250', 'EUR', '0.12'],
      ['0.1350', 'EUR', '0.14'],
      ['-0.1250', 'EUR', '-0.12'],
      ['-7.3351', 'USD', '-7.34'],
      ['1250.5000', 'JPY', '1250'],
      ['1251.5000', 'JPY', '1252'],
      ['12.3455', 'KWD', '12.346'],
      ['12.3465', 'KWD', '12.346'],
    ];
    const rows: { amount: string }[] = await db().query(
      `SELECT ${eventMoneySql('v.value::numeric', 'v.currency')} AS amount FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS v(value, currency, n) ORDER BY n`,
      [cases.map((c) => c[0]), cases.map((c) => c[1])],
    );
    expect(rows.map((r) => r.amount)).toEqual(cases.map((c) => c[2]));
    expect(cases.map(([value, currency]) => eventMoney(value, currency))).toEqual(cases.map((c) => c[2]));
  });
});
