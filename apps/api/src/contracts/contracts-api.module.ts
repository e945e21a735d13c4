import { Module } from '@nestjs/common';
import { ContractsModule } from '@app/contracts';
import { DeliverablesModule } from '@app/deliverables';
import { ContractDeliverablesController } from './contract-deliverables.controller';
import { ContractsController } from './contracts.controller';

@Module({ imports: [ContractsModule, DeliverablesModule], controllers: [ContractsController, ContractDeliverablesController] })
export class ContractsApiModule {}
