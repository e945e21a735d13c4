import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot's brand and totals beside it, kept by PostgreSQL from the document itself (stored generated
 * columns: they cannot disagree with `data`). The live report compares the four previous quarters' snapshot totals
 * with today's figures; reading them out of `data` detoasted each whole document (~1.4 MB compressed, 8 MB of JSON
 * at 10,000 relationships): ~60 ms for four quarters in bench/reports-quarterly, for two small objects.
 */
export class QuarterlyReportSummary1795654000000 implements MigrationInterface {
  name = 'QuarterlyReportSummary1795654000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quarterly_reports
      ADD COLUMN data_brand jsonb GENERATED ALWAYS AS (data->'brand') STORED,
      ADD COLUMN data_totals jsonb GENERATED ALWAYS AS (data->'totals') STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quarterly_reports DROP COLUMN data_brand, DROP COLUMN data_totals`);
  }
}
