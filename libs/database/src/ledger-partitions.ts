import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Months past the current one (UTC) that always exist for each ledger table; the job runs daily, so 3 is ample. */
export const LEDGER_MONTHS_AHEAD = 3;

export interface LedgerPartitionsReport {
  /** Partitions made by this run, `table_pYYYY_MM`: none when every month already existed. */
  created: string[];
  /** Rows moved out of the DEFAULT partition into the months created. */
  moved: number;
}

/**
 * ledger.partitions (daily, and at worker start): the monthly partitions of conversions, cost_entries and
 * relationship_daily_stats for this month and LEDGER_MONTHS_AHEAD more (ledger_partitions_ensure, from the
 * PartitionedLedger migration: one run at a time, each month created once). Any other date (a backdated import,
 * one beyond the months ahead) lands in the DEFAULT partition, so no insert fails; each run gives the months
 * found there their own partition and moves their rows into it. Idempotent: a rerun creates nothing.
 */
@Injectable()
export class LedgerPartitions {
  private readonly logger = new Logger('LedgerPartitions');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(ahead = LEDGER_MONTHS_AHEAD): Promise<LedgerPartitionsReport> {
    const rows: { parent: string; month: string; moved: string }[] = await this.dataSource.query(
      `SELECT parent, to_char(month, 'YYYY_MM') AS month, moved FROM ledger_partitions_ensure($1)`,
      [ahead],
    );
    const report = { created: rows.map((r) => `${r.parent}_p${r.month}`), moved: rows.reduce((sum, r) => sum + Number(r.moved), 0) };
    if (report.created.length)
      this.logger.log(`ledger partitions created: ${report.created.join(', ')} (${report.moved} rows moved from DEFAULT)`);
    return report;
  }
}
