import { Module } from '@nestjs/common';
import { InfluencersModule } from '@app/influencers';
import { PayoutStatementsModule } from '@app/payouts';
import { PortalModule } from '@app/portal';
import { RateLimitModule } from '../core/rate-limit/rate-limit.module';
import { PortalAdminController } from './portal-admin.controller';
import { PortalPayoutsController } from './portal-payouts.controller';
import { PortalSessionController } from './portal-session.controller';
import { PortalController } from './portal.controller';
import { PortalGuard } from './portal.guard';

/** /v1/portal/*: the ambassadors' API, behind PortalGuard (docs/portal.md). */
@Module({
  imports: [PortalModule, InfluencersModule, RateLimitModule, PayoutStatementsModule],
  controllers: [PortalSessionController, PortalController, PortalPayoutsController, PortalAdminController],
  providers: [PortalGuard],
})
export class PortalApiModule {}
