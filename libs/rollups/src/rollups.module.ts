import { Module } from '@nestjs/common';
import { RollupTrigger } from './rollup-trigger';

/** Rollups depend on the ledgers' tables only; attribution, costs and deliverables import this module to trigger them. */
@Module({
  providers: [RollupTrigger],
  exports: [RollupTrigger],
})
export class RollupsModule {}
