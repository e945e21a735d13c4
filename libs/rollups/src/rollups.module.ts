import { Module } from '@nestjs/common';
import { RollupCommitListener } from './rollup-commit.listener';
import { RollupTrigger } from './rollup-trigger';
import { RollupsService } from './rollups.service';

/**
 * Rollups depend on the ledgers' tables only, never on the contexts that write them (attribution, costs,
 * deliverables import nothing from here either: their marks reach RollupCommitListener through the
 * transaction). Imported once by each app.
 */
@Module({
  providers: [RollupTrigger, RollupCommitListener, RollupsService],
  exports: [RollupTrigger, RollupsService],
})
export class RollupsModule {}
