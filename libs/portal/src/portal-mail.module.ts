import { Module } from '@nestjs/common';
import { PortalSignInEmail } from './portal-sign-in.email';

/** The worker's part of the portal: rendering the sign-in email (NotificationsWorkerModule contents). */
@Module({ providers: [PortalSignInEmail], exports: [PortalSignInEmail] })
export class PortalMailModule {}
