import { Module } from '@nestjs/common';
import { RollupsModule } from '@app/rollups';
import { CostsAccrual } from './costs-accrual.service';

/** The worker's side of the ledger (costs.accrue): raw SQL on the ledgers' tables, the rollup trigger after each commit. */
@Module({
  imports: [RollupsModule],
  providers: [CostsAccrual],
  exports: [CostsAccrual],
})
export class CostsAccrualModule {}
