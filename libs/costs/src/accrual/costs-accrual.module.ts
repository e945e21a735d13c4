import { Module } from '@nestjs/common';
import { CostsAccrual } from './costs-accrual.service';

/** The worker's side of the ledger (costs.accrue): raw SQL on the ledgers' tables, its rollup marks enqueued after each commit. */
@Module({
  providers: [CostsAccrual],
  exports: [CostsAccrual],
})
export class CostsAccrualModule {}
