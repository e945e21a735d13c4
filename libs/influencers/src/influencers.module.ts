import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { Influencer } from './entities/influencer.entity';
import { SocialAccount } from './entities/social-account.entity';
import { InfluencerImportService } from './services/influencer-import.service';
import { InfluencersService } from './services/influencers.service';
import { SocialAccountsWriter } from './services/social-accounts.writer';

const exported = [InfluencersService, InfluencerImportService];

@Module({
  imports: [TypeOrmModule.forFeature([Influencer, SocialAccount]), ActivityModule],
  providers: [...exported, SocialAccountsWriter],
  exports: exported,
})
export class InfluencersModule {}
