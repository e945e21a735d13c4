import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { BrandsModule } from '@app/brands';
import { RelationshipsModule } from '@app/relationships';
import { CostEntry } from './cost-entry.entity';
import { CostsService } from './costs.service';

/** Depends on relationships and brands only: deliverables (and later the worker) depend on it, never the reverse. */
@Module({
  imports: [TypeOrmModule.forFeature([CostEntry]), ActivityModule, BrandsModule, RelationshipsModule],
  providers: [CostsService],
  exports: [CostsService],
})
export class CostsModule {}
