import { Module } from '@nestjs/common';
import { ContractsModule } from '@app/contracts';
import { DeliverablesModule } from '@app/deliverables';
import { NotificationsModule } from '@app/notifications';
import { ContractsRollover } from './contracts-rollover.scan';
import { DeliverablesScan } from './deliverables.scan';
import { RenewalsScan } from './renewals.scan';

const exported = [RenewalsScan, DeliverablesScan, ContractsRollover];

/** The rules of the scheduled reminder and rollover jobs; the worker's processors call them. New rows are sent through notifications.send. */
@Module({ imports: [ContractsModule, DeliverablesModule, NotificationsModule], providers: exported, exports: exported })
export class RemindersModule {}
