import { DataSource } from 'typeorm';
import { contractFixture, migrationNamed, useTestApp } from './support';

interface Row {
  subject: string;
  kind: string;
  audience: string;
  recipients: string[];
  status: string;
  messageId: string | null;
}

describe('migrations NotificationAudience and NotificationAudienceRequired (e2e: real PostgreSQL)', () => {
  const ctx = useTestApp();
  const db = () => ctx.t.app.get(DataSource);
  const migration = migrationNamed('NotificationAudience1795631800000');
  const run = async (step: 'up' | 'down', which: Pick<typeof migration, 'up' | 'down'> = migration) => {
    const runner = db().createQueryRunner();
    await runner.connect();
    await which[step](runner).finally(() => runner.release());
  };
  const order = (r: Row) => `${r.subject}|${r.kind}|${r.audience}`;
  const sorted = (list: Row[]) => [...list].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const rows = async (): Promise<Row[]> =>
    sorted(
      await db().query(
        `SELECT subject_id AS subject, kind, audience, recipients, status, message_id AS "messageId" FROM notifications WHERE workspace_id = $1`,
        [ctx.owner.workspaceId],
      ),
    );

  // First: the database as every app migrates it, before the other test runs NotificationAudience down and up.
  it('refuses a row that names no audience, and takes the old default again on down', async () => {
    const fixture = await contractFixture(ctx.t, ctx.owner, { startDate: '2026-05-01', endDate: '2026-07-31', plan: [] });
    const insert = (offset: number) =>
      db().query(
        `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, recipients, due_at) VALUES ($1, 'renewal_upcoming', 'contract', $2, $3, $4, now()) RETURNING audience`,
        [ctx.owner.workspaceId, fixture.contractId, offset, [ctx.owner.email]],
      );
    const required = migrationNamed('NotificationAudienceRequired1795631900000');

    await expect(insert(30)).rejects.toMatchObject({ driverError: { code: '23502', column: 'audience' } });
    await run('down', required);
    expect(await insert(30)).toEqual([{ audience: 'managers' }]);
    await run('up', required);
    await expect(insert(7)).rejects.toMatchObject({ driverError: { code: '23502', column: 'audience' } });
    await db().query(`DELETE FROM notifications WHERE subject_id = $1`, [fixture.contractId]);
  });

  it('backfills the audience, splits overdue rows that went to both, and folds them back on down', async () => {
    const fixture = await contractFixture(ctx.t, ctx.owner, {
      startDate: '2026-05-01',
      endDate: '2026-07-31',
      plan: [{ type: 'post', platform: 'instagram', quantity: 2, per: 'term' }],
    });
    const [sent, pending] = (
      await db().query(`SELECT id FROM deliverables WHERE contract_id = $1 ORDER BY due_date, id`, [fixture.contractId])
    ).map((d: { id: string }) => d.id);
    const [{ email: influencer }] = await db().query(`SELECT email FROM influencers WHERE id = $1`, [fixture.influencerId]);
    const manager = ctx.owner.email;

    // The rows as the scans wrote them before audiences existed.
    await run('down');
    const legacy = (
      subject: string,
      kind: string,
      recipients: string[],
      status = 'scheduled',
      messageId: string | null = null,
      offset = 0,
    ) =>
      db().query(
        `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, recipients, status, message_id, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
        [
          ctx.owner.workspaceId,
          kind,
          kind.startsWith('deliverable') ? 'deliverable' : 'contract',
          subject,
          offset,
          recipients,
          status,
          messageId,
        ],
      );
    await legacy(sent, 'deliverable_due_soon', [influencer.toUpperCase()], 'sent', '<due-soon@x>', 3);
    await legacy(sent, 'deliverable_overdue', [influencer, manager], 'sent', '<overdue@x>');
    await legacy(pending, 'deliverable_overdue', [influencer, manager]);
    await legacy(fixture.contractId, 'renewal_upcoming', [manager], 'sent', '<renewal@x>', 30);
    await legacy(fixture.contractId, 'notice_deadline', [influencer, manager], 'sent', '<notice@x>', 7);

    await run('up');
    const row = (
      subject: string,
      kind: string,
      audience: string,
      recipients: string[],
      status: string,
      messageId: string | null = null,
    ): Row => ({ subject, kind, audience, recipients, status, messageId });
    expect(await rows()).toEqual(
      sorted([
        row(sent, 'deliverable_due_soon', 'influencer', [influencer.toUpperCase()], 'sent', '<due-soon@x>'),
        row(sent, 'deliverable_overdue', 'influencer', [influencer], 'sent', '<overdue@x>'),
        row(sent, 'deliverable_overdue', 'managers', [manager], 'sent', '<overdue@x>'),
        row(pending, 'deliverable_overdue', 'influencer', [influencer], 'scheduled'),
        row(pending, 'deliverable_overdue', 'managers', [manager], 'scheduled'),
        // Other kinds that listed both stay one managers' row: no scan writes them to the influencer.
        row(fixture.contractId, 'notice_deadline', 'managers', [influencer, manager], 'sent', '<notice@x>'),
        row(fixture.contractId, 'renewal_upcoming', 'managers', [manager], 'sent', '<renewal@x>'),
      ]),
    );
    // The split moment already has its influencer row: a scan's insert of it is a no-op.
    const again = await db().query(
      `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, audience, recipients, due_at) VALUES ($1, 'deliverable_overdue', 'deliverable', $2, 'influencer', $3, now())
       ON CONFLICT ON CONSTRAINT uq_notifications_subject_kind_offset DO NOTHING RETURNING id`,
      [ctx.owner.workspaceId, sent, [influencer]],
    );
    expect(again).toEqual([]);

    await run('down');
    const folded = await db().query(
      `SELECT subject_id AS subject, recipients FROM notifications WHERE kind = 'deliverable_overdue' ORDER BY subject_id`,
    );
    expect(folded).toEqual([sent, pending].sort().map((subject) => ({ subject, recipients: [influencer, manager] })));
    await run('up');
  });
});
