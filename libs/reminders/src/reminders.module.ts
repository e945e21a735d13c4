import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { ContractsModule } from '@app/contracts';
import { ContractsRollover } from './contracts-rollover.scan';
import { DeliverablesScan } from './deliverables.scan';
import { RenewalsScan } from './renewals.scan';

const exported = [RenewalsScan, DeliverablesScan, ContractsRollover];

export interface RemindersOptions {
  /** Modules that export what `sends` needs (the worker: NotificationsModule). */
  imports?: ModuleMetadata['imports'];
  /** How new rows reach the send queue, e.g. `{ provide: NotificationSends, useExisting: NotificationsService }`. */
  sends: Provider;
}

/** The rules of the scheduled reminder and rollover jobs; the worker's processors call them. */
@Module({})
export class RemindersModule {
  static forRoot(options: RemindersOptions): DynamicModule {
    return {
      module: RemindersModule,
      imports: [ContractsModule, ...(options.imports ?? [])],
      providers: [...exported, options.sends],
      exports: exported,
    };
  }
}
