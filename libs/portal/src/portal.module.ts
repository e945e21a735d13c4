import { Module } from '@nestjs/common';
import { ContractsModule } from '@app/contracts';
import { DeliverablesModule } from '@app/deliverables';
import { NotificationsModule } from '@app/notifications';
import { PortalAuth } from './portal-auth.service';
import { PortalService } from './portal.service';

/** The ambassador portal's sign-in, sessions and what an ambassador reads and does (docs/portal.md). */
@Module({
  imports: [ContractsModule, DeliverablesModule, NotificationsModule],
  providers: [PortalAuth, PortalService],
  exports: [PortalAuth, PortalService],
})
export class PortalModule {}
