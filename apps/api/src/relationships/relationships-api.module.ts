import { Module } from '@nestjs/common';
import { BrandsModule } from '@app/brands';
import { ContractsModule } from '@app/contracts';
import { InfluencersModule } from '@app/influencers';
import { RelationshipsModule } from '@app/relationships';
import { ReportsModule } from '@app/reports';
import { RelationshipsController } from './relationships.controller';

@Module({
  imports: [RelationshipsModule, ContractsModule, BrandsModule, InfluencersModule, ReportsModule],
  controllers: [RelationshipsController],
})
export class RelationshipsApiModule {}
