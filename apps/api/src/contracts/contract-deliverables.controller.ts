import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AddDeliverable } from '@app/contracts';
import { DeliverablesService } from '@app/deliverables';
import { DeliverableView, toDeliverableView } from '../deliverables/deliverable.views';
import { AddDeliverableRequest } from './contracts.dto';

/** Adding by hand is a contract rule (draft or active, under the lifecycle locks), so it lives with the contracts. */
@ApiTags('deliverables')
@Controller('deliverables')
export class ContractDeliverablesController {
  constructor(
    private readonly addDeliverable: AddDeliverable,
    private readonly deliverables: DeliverablesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'A deliverable added by hand to a draft or active contract' })
  @ApiCreatedResponse({ type: DeliverableView })
  @ApiConflictResponse({ description: 'The contract is neither draft nor active (CONTRACT_ILLEGAL_TRANSITION, with currentStatus)' })
  async create(@Body() body: AddDeliverableRequest): Promise<DeliverableView> {
    const { contractId, ...input } = body;
    return toDeliverableView(await this.deliverables.get(await this.addDeliverable.execute(contractId, input)));
  }
}
