import { MigrationInterface, QueryRunner } from 'typeorm';

/** Room left on each page of webhook_deliveries for the claimed version of its rows (HOT). */
const DELIVERIES_FILLFACTOR = 70;

/**
 * Issue 17, bench/webhooks. A delivery row is written three times: inserted by the dispatch, claimed (attempts,
 * claimed_until) and recorded (status delivered). With full pages 14 of 40,122 of those updates were HOT, so the
 * claim wrote its new version on another page and an entry into each of the table's five indexes. The claim
 * changes no indexed column: with room on the page it stays there and touches no index. The record changes
 * `status`, which the pending index's predicate reads, so it is never HOT; room for one version per row is
 * enough, and pruning frees the claimed versions the records leave behind. Claims of 20 took 17–19 % less time
 * (alternated on two copies of the bench database at load 8–9: 33–46 % of updates HOT against 0–3 %). Only pages
 * written from now on keep the room; SET (fillfactor) rewrites nothing and takes a SHARE UPDATE EXCLUSIVE lock,
 * safe on a live database.
 */
export class WebhookDeliveriesHotClaim1795663000000 implements MigrationInterface {
  name = 'WebhookDeliveriesHotClaim1795663000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries SET (fillfactor = ${DELIVERIES_FILLFACTOR})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries RESET (fillfactor)`);
  }
}
