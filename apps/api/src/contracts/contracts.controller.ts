import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EmptyBody, toKeysetPage } from '@app/common';
import { ActivateContract, CancelAutoRenew, ContractsService, RenewContract, SendTerms, TerminateContract } from '@app/contracts';
import { IdParam } from '../core/id-param';
import { ContractList, ContractView, toContractView } from './contract.views';
import {
  CreateContractRequest,
  ListContractsQuery,
  RenewContractRequest,
  TerminateContractRequest,
  UpdateContractRequest,
} from './contracts.dto';

const illegal = 'Illegal in the current status: problem+json with `currentStatus` and a code such as CONTRACT_ILLEGAL_TRANSITION';

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly activateContract: ActivateContract,
    private readonly renewContract: RenewContract,
    private readonly terminateContract: TerminateContract,
    private readonly cancelAutoRenewal: CancelAutoRenew,
    private readonly sendTerms: SendTerms,
  ) {}

  @Post()
  @ApiOperation({ summary: "A draft term of a relationship, in the brand's currency" })
  @ApiCreatedResponse({ type: ContractView })
  async create(@Body() body: CreateContractRequest): Promise<ContractView> {
    return toContractView(await this.contracts.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'Ordered by end date then id: with endingBefore, the renewal pipeline' })
  @ApiOkResponse({ type: ContractList })
  async list(@Query() query: ListContractsQuery): Promise<ContractList> {
    const { status, brandId, relationshipId, endingBefore } = query;
    // Ordered by end date (the renewal pipeline), so the cursor carries the end date.
    return toKeysetPage(
      await this.contracts.list({ status, brandId, relationshipId, endingBefore }, query.limit, query.cursor),
      query.limit,
      (row) => row.endDate,
      toContractView,
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contract term with its dates as instants in the brand time zone' })
  @ApiOkResponse({ type: ContractView })
  async get(@IdParam() id: string): Promise<ContractView> {
    return toContractView(await this.contracts.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes a draft term; a signed term changes through a renewal' })
  @ApiOkResponse({ type: ContractView })
  @ApiConflictResponse({ description: 'The contract is not a draft (CONTRACT_NOT_EDITABLE, with currentStatus)' })
  async update(@IdParam() id: string, @Body() body: UpdateContractRequest): Promise<ContractView> {
    return toContractView(await this.contracts.update(id, body));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft → active; generates the planned deliverables' })
  @ApiOkResponse({ type: ContractView })
  @ApiConflictResponse({
    description: `${illegal}; CONTRACT_OVERLAP or CONTRACT_ANOTHER_ACTIVE with conflictingContractId; CONTRACT_TERMS_NOT_ACCEPTED when the workspace requires acceptance`,
  })
  async activate(@IdParam() id: string, @Body() _body: EmptyBody): Promise<ContractView> {
    await this.activateContract.execute(id);
    return this.get(id);
  }

  @Post(':id/send-terms')
  @HttpCode(200)
  @ApiOperation({ summary: 'Emails a draft term to the ambassador, whose link opens the terms in the portal to read and accept' })
  @ApiOkResponse({ type: ContractView })
  @ApiConflictResponse({ description: `${illegal} (only a draft); CONTRACT_NO_AMBASSADOR_EMAIL when the influencer has no email` })
  async send(@IdParam() id: string, @Body() _body: EmptyBody): Promise<ContractView> {
    await this.sendTerms.execute(id);
    return this.get(id);
  }

  @Post(':id/renew')
  @ApiOperation({ summary: 'Drafts the next term from the day after the end; it becomes active at rollover' })
  @ApiCreatedResponse({ type: ContractView, description: 'The new (draft) term' })
  @ApiConflictResponse({ description: `${illegal}; CONTRACT_ALREADY_RENEWED with nextContractId` })
  async renew(@IdParam() id: string, @Body() body: RenewContractRequest): Promise<ContractView> {
    return this.get(await this.renewContract.execute(id, body));
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @ApiOperation({ summary: 'active → terminated; deliverables due after the effective date are cancelled' })
  @ApiOkResponse({ type: ContractView })
  @ApiConflictResponse({ description: illegal })
  async terminate(@IdParam() id: string, @Body() body: TerminateContractRequest): Promise<ContractView> {
    await this.terminateContract.execute(id, body);
    return this.get(id);
  }

  @Post(':id/cancel-auto-renew')
  @HttpCode(200)
  @ApiOperation({ summary: 'The active term will not roll over; repeating it changes nothing' })
  @ApiOkResponse({ type: ContractView })
  @ApiConflictResponse({ description: `${illegal}; CONTRACT_NOT_AUTO_RENEWING` })
  async cancelAutoRenew(@IdParam() id: string, @Body() _body: EmptyBody): Promise<ContractView> {
    await this.cancelAutoRenewal.execute(id);
    return this.get(id);
  }
}
