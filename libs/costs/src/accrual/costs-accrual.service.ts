import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { markEventsRecorded } from '@app/events';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, currencyMinorUnits } from '@app/common';
import { rollupsMarkedBySql } from '@app/rollups';
import { APPROVE_CONVERSIONS, DUE_CONVERSIONS, REVERSAL_ENTRIES } from './commission-accrual.sql';
import { RETAINER_ACCRUAL_BATCH, RETAINER_ACCRUAL_OF } from './retainer-accrual.sql';

/** Batch sizes: each batch is one short transaction, so a catch-up over 1M contracts never holds one giant one. */
export interface AccrualLimits {
  contractsPerBatch: number;
  /** Days one contract accrues per statement; a longer catch-up runs the same batch again. */
  daysPerStatement: number;
  conversionsPerBatch: number;
}

export const DEFAULT_ACCRUAL_LIMITS: AccrualLimits = { contractsPerBatch: 5_000, daysPerStatement: 31, conversionsPerBatch: 5_000 };

export interface AccrualReport {
  retainerEntries: number;
  approvedConversions: number;
  commissionEntries: number;
  reversalEntries: number;
  /** Statements run: how many transactions the run took. */
  batches: number;
}

interface BatchResult {
  entries: number;
  relationshipIds: string[];
}

type RetainerBatch = BatchResult & { lastId: string | null; contracts: number; capped: number };

const NO_ID = '00000000-0000-0000-0000-000000000000';

const emptyReport = (): AccrualReport => ({
  retainerEntries: 0,
  approvedConversions: 0,
  commissionEntries: 0,
  reversalEntries: 0,
  batches: 0,
});

/**
 * costs.accrue: retainer days, approvals after the lock period, commission entries, all set-based in bounded
 * batches, across all workspaces (a system job, like the reminder scans). Every batch inserts with ON CONFLICT
 * DO NOTHING on the ledger's natural keys and marks its days dirty in the same statement, so a rerun, a retry
 * or a second worker writes nothing twice. Rollups are touched after each commit.
 */
@Injectable()
export class CostsAccrual {
  private readonly logger = new Logger('CostsAccrual');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run(limits: AccrualLimits = DEFAULT_ACCRUAL_LIMITS): Promise<AccrualReport> {
    const now = this.clock.now();
    const report = emptyReport();
    report.retainerEntries = await this.accrueRetainers(now, limits, report);
    await this.approveConversions(now, limits, report);
    report.reversalEntries = await this.recordLateReversals(limits, report);
    this.logger.log(`costs.accrue: ${JSON.stringify(report)}`);
    return report;
  }

  /**
   * The retainer days `contractIds` owe through today, now rather than at the next hourly run (an activation
   * of a term that started in the past): the hourly statement for those contracts, in the caller's transaction
   * when given. The accrual index writes each day once, whoever comes first; returns the entries written.
   */
  async accrueContracts(contractIds: string[], manager?: EntityManager, limits: AccrualLimits = DEFAULT_ACCRUAL_LIMITS): Promise<number> {
    const report = emptyReport();
    const { total } = await this.accrueWindow(
      RETAINER_ACCRUAL_OF,
      contractIds,
      contractIds.length,
      this.clock.now(),
      limits,
      report,
      manager,
    );
    return total;
  }

  /** Windows of contracts in id order. */
  private async accrueRetainers(now: Date, limits: AccrualLimits, report: AccrualReport): Promise<number> {
    let after = NO_ID;
    let total = 0;
    for (;;) {
      const window = await this.accrueWindow(RETAINER_ACCRUAL_BATCH, after, limits.contractsPerBatch, now, limits, report);
      total += window.total;
      if (window.last.contracts < limits.contractsPerBatch) return total;
      after = window.last.lastId!;
    }
  }

  /** One window of contracts, run again while a contract hit the per-statement day cap (and the statement made progress). */
  private async accrueWindow(
    sql: string,
    key: string | string[],
    size: number,
    now: Date,
    limits: AccrualLimits,
    report: AccrualReport,
    manager?: EntityManager,
  ): Promise<{ total: number; last: RetainerBatch }> {
    let total = 0;
    for (;;) {
      const params = [now, key, size, limits.daysPerStatement, ...currencyTable()];
      const [batch] = await this.statement<RetainerBatch>(sql, params, report, manager);
      total += batch.entries;
      if (!(batch.capped > 0 && batch.entries > 0)) return { total, last: batch };
    }
  }

  /** Locks due conversions (SKIP LOCKED: a refund in flight wins, the next run approves), then approves them. */
  private async approveConversions(now: Date, limits: AccrualLimits, report: AccrualReport): Promise<void> {
    for (;;) {
      const result = await this.dataSource.transaction(async (manager) => {
        const due: { id: string }[] = await manager.query(DUE_CONVERSIONS, [now, limits.conversionsPerBatch]);
        if (due.length === 0) return { locked: 0, approved: 0, entries: 0, relationshipIds: [] };
        const [approved] = (await manager.query(APPROVE_CONVERSIONS, [now, due.map((c) => c.id)])) as (BatchResult & {
          approved: number;
        })[];
        rollupsMarkedBySql(manager, approved.relationshipIds);
        markEventsRecorded(manager);
        return { locked: due.length, ...approved };
      });
      report.batches++;
      report.approvedConversions += result.approved;
      report.commissionEntries += result.entries;
      if (result.locked < limits.conversionsPerBatch) return;
    }
  }

  /** Keyset over reversals of approved conversions still without their negative entry. */
  private async recordLateReversals(limits: AccrualLimits, report: AccrualReport): Promise<number> {
    let after = NO_ID;
    let total = 0;
    for (;;) {
      const [batch] = await this.statement<BatchResult & { lastId: string | null; reversals: number }>(
        REVERSAL_ENTRIES,
        [after, limits.conversionsPerBatch],
        report,
      );
      total += batch.entries;
      if (batch.reversals < limits.conversionsPerBatch) return total;
      after = batch.lastId!;
    }
  }

  /** One statement, its own transaction unless the caller's; its rollups are enqueued once that has committed. */
  private async statement<T extends BatchResult>(
    sql: string,
    params: unknown[],
    report: AccrualReport,
    manager?: EntityManager,
  ): Promise<T[]> {
    const run = async (transaction: EntityManager) => {
      const rows: T[] = await transaction.query(sql, params);
      rollupsMarkedBySql(transaction, rows[0]?.relationshipIds ?? []);
      markEventsRecorded(transaction);
      return rows;
    };
    const rows = await (manager ? run(manager) : this.dataSource.transaction(run));
    report.batches++;
    return rows;
  }
}

/** Every ISO 4217 currency Intl knows, with 10^minor units and its inverse as exact decimal strings. */
let currencies: [string[], string[], string[]] | undefined;
function currencyTable(): [string[], string[], string[]] {
  if (!currencies) {
    const codes = Intl.supportedValuesOf('currency');
    const digits = codes.map(currencyMinorUnits);
    currencies = [codes, digits.map((d) => `1${'0'.repeat(d)}`), digits.map((d) => (d === 0 ? '1' : `0.${'0'.repeat(d - 1)}1`))];
  }
  return currencies;
}
