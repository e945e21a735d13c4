import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { BrandsModule } from '@app/brands';
import { InfluencersModule } from '@app/influencers';
import { Relationship } from './relationship.entity';
import { RelationshipsService } from './relationships.service';

/** Knows nothing of contracts: they depend on it, and write the derived status through setStatus. */
@Module({
  imports: [TypeOrmModule.forFeature([Relationship]), ActivityModule, BrandsModule, InfluencersModule],
  providers: [RelationshipsService],
  exports: [RelationshipsService],
})
export class RelationshipsModule {}
