import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { BrandsModule } from '@app/brands';
import { CostsAccrualModule } from '@app/costs';
import { DeliverablesModule } from '@app/deliverables';
import { NotificationsModule } from '@app/notifications';
import { RelationshipsModule } from '@app/relationships';
import { Contract } from './contract.entity';
import { ContractLifecycle } from './services/contract-lifecycle';
import { ContractsService } from './services/contracts.service';
import { AcceptTerms } from './use-cases/accept-terms';
import { ActivateContract } from './use-cases/activate-contract';
import { AddDeliverable } from './use-cases/add-deliverable';
import { CancelAutoRenew } from './use-cases/cancel-auto-renew';
import { SendTerms } from './use-cases/send-terms';
import { RenewContract } from './use-cases/renew-contract';
import { RolloverContract } from './use-cases/rollover-contract';
import { TerminateContract } from './use-cases/terminate-contract';

const exported = [
  ContractsService,
  ActivateContract,
  RenewContract,
  TerminateContract,
  CancelAutoRenew,
  AddDeliverable,
  RolloverContract,
  SendTerms,
  AcceptTerms,
];

/** Depends on relationships, deliverables, brands and the costs accrual through their services; nothing depends back on it. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Contract]),
    ActivityModule,
    BrandsModule,
    CostsAccrualModule,
    DeliverablesModule,
    NotificationsModule,
    RelationshipsModule,
  ],
  providers: [...exported, ContractLifecycle],
  exports: exported,
})
export class ContractsModule {}
