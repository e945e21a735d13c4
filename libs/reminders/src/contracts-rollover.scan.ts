import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, RequestContext, Role } from '@app/common';
import { RolloverContract, RolloverOutcome } from '@app/contracts';
import { queryNamed } from '@app/database';
import { NotificationSchedule } from '@app/notifications';
import { brandToday, managerEmails, scanParams } from './scan-sql';

/** Active terms whose end date is before today in their brand's zone, all workspaces; the index bounds by the UTC date. */
const ENDED_TERMS = `
  SELECT c.id, c.workspace_id AS "workspaceId"
  FROM contracts c JOIN relationships r ON r.id = c.relationship_id JOIN brands b ON b.id = r.brand_id
  WHERE c.status = 'active' AND c.end_date <= CAST(:utcToday AS date) AND c.end_date < ${brandToday()}
  ORDER BY c.end_date, c.id`;

/** The `renewed`/`ended` notification of a rolled term, once per term (offset 0), in the rollover's transaction. */
const OUTCOME_ROW = `
  SELECT c.workspace_id, CAST(:kind AS text), 'contract', c.id, 0, '', 'managers', ${managerEmails('r')}, 'scheduled', false, CAST(:now AS timestamptz)
  FROM contracts c JOIN relationships r ON r.id = c.relationship_id WHERE c.id = :contractId`;

export interface RolloverReport {
  renewed: string[];
  ended: string[];
  failed: string[];
}

/**
 * Fans out per term: each rolls in its own transaction (RolloverContract: the lifecycle's locks and rules)
 * inside its workspace's context with the system as actor, so one broken term does not hold back the
 * others. A failure is logged and, after the others ran, fails the job so BullMQ retries it.
 */
@Injectable()
export class ContractsRollover {
  private readonly logger = new Logger('ContractsRollover');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rollover: RolloverContract,
    private readonly clock: Clock,
    private readonly notifications: NotificationSchedule,
  ) {}

  async run(): Promise<RolloverReport> {
    const terms = await queryNamed<{ id: string; workspaceId: string }>(this.dataSource, ENDED_TERMS, scanParams(this.clock.now()));
    const report: RolloverReport = { renewed: [], ended: [], failed: [] };
    const toSend: string[] = [];
    for (const term of terms) {
      try {
        const notify = async (manager: EntityManager, outcome: RolloverOutcome) => {
          toSend.push(
            ...(await this.notifications.insert(
              OUTCOME_ROW,
              { kind: outcome.status, now: this.clock.now(), contractId: outcome.contract.id },
              manager,
            )),
          );
        };
        const outcome = await RequestContext.run(() => this.rollover.execute(term.id, notify), {
          workspaceId: term.workspaceId,
          role: Role.Owner,
        });
        if (outcome) report[outcome.status].push(term.id);
      } catch (error) {
        report.failed.push(term.id);
        this.logger.error(`rollover of contract ${term.id} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
    await this.notifications.send(toSend);
    if (report.failed.length) throw new Error(`rollover failed for ${report.failed.length} contract(s): ${report.failed.join(', ')}`);
    return report;
  }
}
