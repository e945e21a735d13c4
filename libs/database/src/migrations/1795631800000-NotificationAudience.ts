import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each row's influencer address, lower-cased, through its deliverable's or contract's relationship. */
const INFLUENCER_OF = `
  SELECT n.id, lower(i.email) AS email
  FROM notifications n
  JOIN relationships r ON r.id = COALESCE(
    (SELECT d.relationship_id FROM deliverables d WHERE n.subject_type = 'deliverable' AND d.id = n.subject_id),
    (SELECT c.relationship_id FROM contracts c WHERE n.subject_type = 'contract' AND c.id = n.subject_id))
  JOIN influencers i ON i.id = r.influencer_id
  WHERE i.email IS NOT NULL`;

const lowered = (recipients: string) => `(SELECT lower(x) FROM unnest(${recipients}) x)`;
const SAME_MOMENT = `i.subject_id = m.subject_id AND i.kind = m.kind AND i.offset_days = m.offset_days AND i.period = m.period`;

/**
 * A notification row is written to one audience: the influencer (an outsider: List-Unsubscribe, their own
 * wording) or the brand's managers (workspace members). The natural key gains the audience so one moment
 * has a row, a status and an email per audience; the constraint keeps its name, which the scans and the
 * report mailer name in ON CONFLICT. Backfill: a row to the influencer alone is theirs, any other is the
 * managers'. A deliverable_overdue row that went to both is split into an influencer row (same status,
 * Message-ID, times) and the managers' rest: left whole, the next deliverables.scan would see no
 * influencer row for the moment and remind the influencer a second time.
 */
export class NotificationAudience1795631800000 implements MigrationInterface {
  name = 'NotificationAudience1795631800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications ADD COLUMN audience text NOT NULL DEFAULT 'managers' CHECK (audience IN ('influencer', 'managers'));
      ALTER TABLE notifications DROP CONSTRAINT uq_notifications_subject_kind_offset;
      ALTER TABLE notifications ADD CONSTRAINT uq_notifications_subject_kind_offset UNIQUE (subject_id, kind, offset_days, period, audience);

      UPDATE notifications n SET audience = 'influencer'
      FROM (${INFLUENCER_OF}) s
      WHERE n.id = s.id AND cardinality(n.recipients) > 0 AND s.email = ALL ${lowered('n.recipients')};

      WITH mixed AS (
        SELECT n.*, s.email AS influencer FROM notifications n JOIN (${INFLUENCER_OF}) s ON s.id = n.id
        WHERE n.kind = 'deliverable_overdue' AND n.audience = 'managers' AND s.email = ANY ${lowered('n.recipients')}
      ), split AS (
        INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, period, recipients, subject_line, status, late, due_at,
                                   sent_at, message_id, error, attempts, created_at, updated_at, claimed_at, claimed_by, audience)
        SELECT workspace_id, kind, subject_type, subject_id, offset_days, period, ARRAY(SELECT x FROM unnest(recipients) x WHERE lower(x) = influencer),
               subject_line, status, late, due_at, sent_at, message_id, error, attempts, created_at, updated_at, claimed_at, claimed_by, 'influencer'
        FROM mixed
      )
      UPDATE notifications n SET recipients = ARRAY(SELECT x FROM unnest(n.recipients) x WHERE lower(x) <> m.influencer)
      FROM mixed m WHERE n.id = m.id;
    `);
  }

  /** Folds each influencer row back into its moment's managers row (recipients first, as the scans had them). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE notifications m SET recipients = i.recipients || m.recipients
      FROM notifications i WHERE i.audience = 'influencer' AND m.audience = 'managers' AND ${SAME_MOMENT};
      DELETE FROM notifications i USING notifications m WHERE i.audience = 'influencer' AND m.audience = 'managers' AND ${SAME_MOMENT};
      ALTER TABLE notifications DROP CONSTRAINT uq_notifications_subject_kind_offset;
      ALTER TABLE notifications ADD CONSTRAINT uq_notifications_subject_kind_offset UNIQUE (subject_id, kind, offset_days, period);
      ALTER TABLE notifications DROP COLUMN audience;
    `);
  }
}
