import { Module } from '@nestjs/common';
import { InfluencersModule } from '@app/influencers';
import { InfluencersController } from './influencers.controller';

@Module({ imports: [InfluencersModule], controllers: [InfluencersController] })
export class InfluencersApiModule {}
