import { MigrationInterface, QueryRunner } from 'typeorm';

/** The summed columns of relationship_daily_stats as of this migration (frozen here on purpose). */
const MONEY = [
  'revenue',
  'reversals',
  'commission',
  'spend_retainer',
  'spend_deliverable_fee',
  'spend_commission',
  'spend_product',
  'spend_other',
  'emv',
];
const COUNTS = [
  'conversions',
  'impressions',
  'reach',
  'views',
  'engagements',
  'clicks',
  'engagement_followers',
  'deliverables_due',
  'deliverables_published',
  'deliverables_missed',
  'deliverables_on_time',
  'deliverables_late',
];
const COLUMNS = [...MONEY, ...COUNTS];
export const list = (f: (c: string) => string) => COLUMNS.map(f).join(', ');

/** Signed sums of a transition table per (relationship, month): +1 for rows that arrived, -1 for rows that left. */
export const deltas = (table: string, sign: 1 | -1) => `
  SELECT workspace_id, relationship_id, date_trunc('month', day)::date AS month, ${sign} * count(*) AS days, ${list((c) => `${sign} * sum(${c}) AS ${c}`)}
  FROM ${table} GROUP BY 1, 2, 3`;

/** Upserts signed deltas per (relationship, month) (a SELECT shaped like `deltas`), in (relationship, month) order unless `order` says otherwise. */
export const upsertDeltas = (
  source: string,
  order = 'relationship_id, month',
) => `INSERT INTO relationship_monthly_stats AS m (workspace_id, relationship_id, month, days, ${list((c) => c)})
          SELECT * FROM (${source}) d ORDER BY ${order}
          ON CONFLICT (relationship_id, month) DO UPDATE SET days = m.days + EXCLUDED.days, ${list((c) => `${c} = m.${c} + EXCLUDED.${c}`)};`;

/** The statement a later migration uses to give the monthly trigger function another body (PL/pgSQL, `$fn$`-quoted). */
export const replaceApply = (body: string) =>
  `CREATE OR REPLACE FUNCTION relationship_monthly_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$${body}$fn$`;

/** Takes the departed rows out of their months, which exist already (a cascade may have removed some: nothing to do there). */
export const SUBTRACT_DEPARTED = `UPDATE relationship_monthly_stats m SET days = m.days + d.days, ${list((c) => `${c} = m.${c} + d.${c}`)}
          FROM (${deltas('departed', -1)}) d WHERE m.relationship_id = d.relationship_id AND m.month = d.month;`;

/** Months of the departed rows left without days. */
export const DELETE_EMPTIED = `DELETE FROM relationship_monthly_stats m USING (SELECT DISTINCT relationship_id, date_trunc('month', day)::date AS month FROM departed) d
          WHERE m.relationship_id = d.relationship_id AND m.month = d.month AND m.days = 0;`;

/** The trigger function as this migration made it (MonthlyStatsNetUpdate replaces it; its down restores this). */
export const APPLY = `
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          ${upsertDeltas(deltas('arrived', 1))}
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          ${SUBTRACT_DEPARTED}
          ${DELETE_EMPTIED}
        END IF;
        RETURN NULL;
      END
      `;

/**
 * relationship_monthly_stats: relationship_daily_stats summed per calendar month, kept by statement-level
 * triggers on the daily table, in the same transaction as each write, whichever code writes it (the rollups
 * engine's recompute, sweep and reconcile, or SQL by hand). Reports of whole months and quarters read ~3 rows
 * per relationship instead of ~91 (a retainer accrues a daily row every day of a term): the main statement of
 * the quarterly report of 10,000 relationships went from ~5 s to ~120 ms (bench/README.md, reports-quarterly).
 * Arrivals are upserted; departures only update existing rows (a cascade from a deleted workspace may have
 * removed the month already) and months left without days are deleted. TRUNCATE empties it too.
 */
export class RelationshipMonthlyStats1795631700000 implements MigrationInterface {
  name = 'RelationshipMonthlyStats1795631700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE relationship_monthly_stats (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        relationship_id uuid NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        days integer NOT NULL,
        ${MONEY.map((c) => `${c} numeric(20,4) NOT NULL`).join(', ')},
        ${COUNTS.map((c) => `${c} bigint NOT NULL`).join(', ')},
        CONSTRAINT pk_relationship_monthly_stats PRIMARY KEY (relationship_id, month)
      );
      CREATE INDEX ix_relationship_monthly_stats_workspace_month ON relationship_monthly_stats (workspace_id, month);

      CREATE FUNCTION relationship_monthly_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$${APPLY}$fn$;

      CREATE FUNCTION relationship_monthly_stats_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        TRUNCATE relationship_monthly_stats;
        RETURN NULL;
      END
      $fn$;

      CREATE TRIGGER tr_relationship_daily_stats_insert AFTER INSERT ON relationship_daily_stats
        REFERENCING NEW TABLE AS arrived FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_apply();
      CREATE TRIGGER tr_relationship_daily_stats_update AFTER UPDATE ON relationship_daily_stats
        REFERENCING OLD TABLE AS departed NEW TABLE AS arrived FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_apply();
      CREATE TRIGGER tr_relationship_daily_stats_delete AFTER DELETE ON relationship_daily_stats
        REFERENCING OLD TABLE AS departed FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_apply();
      CREATE TRIGGER tr_relationship_daily_stats_truncate AFTER TRUNCATE ON relationship_daily_stats
        FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_truncate();

      INSERT INTO relationship_monthly_stats (workspace_id, relationship_id, month, days, ${list((c) => c)})
      SELECT * FROM (${deltas('relationship_daily_stats', 1)}) d;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER tr_relationship_daily_stats_truncate ON relationship_daily_stats;
      DROP TRIGGER tr_relationship_daily_stats_delete ON relationship_daily_stats;
      DROP TRIGGER tr_relationship_daily_stats_update ON relationship_daily_stats;
      DROP TRIGGER tr_relationship_daily_stats_insert ON relationship_daily_stats;
      DROP FUNCTION relationship_monthly_stats_truncate();
      DROP FUNCTION relationship_monthly_stats_apply();
      DROP TABLE relationship_monthly_stats;
    `);
  }
}
