import { Module } from '@nestjs/common';
import { InfluencersModule } from '@app/influencers';
import { PortalModule } from '@app/portal';
import { RateLimitModule } from '../core/rate-limit/rate-limit.module';
import { PortalAdminController } from './portal-admin.controller';
import { PortalSessionController } from './portal-session.controller';
import { PortalController } from './portal.controller';
import { PortalGuard } from './portal.guard';

/** /v1/portal/*: the ambassadors' API, behind PortalGuard (docs/portal.md). */
@Module({
  imports: [PortalModule, InfluencersModule, RateLimitModule],
  controllers: [PortalSessionController, PortalController, PortalAdminController],
  providers: [PortalGuard],
})
export class PortalApiModule {}
