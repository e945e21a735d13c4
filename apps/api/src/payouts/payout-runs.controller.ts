import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EmptyBody, PageQuery, RequireRole, Role, toPage } from '@app/common';
import { PayoutAction, PayoutExports, PayoutRunsService, PayoutTransitions, TransitionInput } from '@app/payouts';
import { IdParam } from '../core/id-param';
import { csvDownload } from './csv-file';
import { CancelPayoutRequest, CreatePayoutRunRequest, FailPayoutRequest, MarkPaidRequest, RunExportQuery } from './payouts.dto';
import { PayoutRunList, PayoutRunView, RunActionResultView, toPayoutRunView } from './payouts.views';

/** Payout runs (admin for every change): build, act on all their payouts at once, export for the payment rails. */
@ApiTags('payouts')
@Controller('payout-runs')
export class PayoutRunsController {
  constructor(
    private readonly runs: PayoutRunsService,
    private readonly transitions: PayoutTransitions,
    private readonly exports: PayoutExports,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Builds draft payouts per payee and currency from unpaid payable entries through periodEnd (admin); totals under the minimum or negative carry forward',
  })
  @RequireRole(Role.Admin)
  @ApiCreatedResponse({ type: PayoutRunView })
  async create(@Body() body: CreatePayoutRunRequest): Promise<PayoutRunView> {
    const run = await this.runs.create(body.periodEnd, body.brandId);
    return toPayoutRunView(run, await this.runs.runTotals(run.id));
  }

  @Get()
  @ApiOperation({ summary: 'Payout runs, newest first' })
  @ApiOkResponse({ type: PayoutRunList })
  async list(@Query() query: PageQuery): Promise<PayoutRunList> {
    return toPage(await this.runs.listRuns(query.limit, query.cursor), query.limit, (run) => toPayoutRunView(run));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A payout run with its payouts counted and summed per status and currency' })
  @ApiOkResponse({ type: PayoutRunView })
  async get(@IdParam() id: string): Promise<PayoutRunView> {
    return toPayoutRunView(await this.runs.getRun(id), await this.runs.runTotals(id));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approves every draft payout of the run (admin); emails each ambassador their statement' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: RunActionResultView })
  approve(@IdParam() id: string, @Body() _body: EmptyBody): Promise<RunActionResultView> {
    return this.act(id, 'approve');
  }

  @Post(':id/mark-paid')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks every approved payout of the run paid with the reference (admin); emails each ambassador' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: RunActionResultView })
  markPaid(@IdParam() id: string, @Body() body: MarkPaidRequest): Promise<RunActionResultView> {
    return this.act(id, 'mark-paid', { reference: body.reference, paidAt: body.paidAt ? new Date(body.paidAt) : undefined });
  }

  @Post(':id/fail')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks every approved payout of the run failed (admin): their entries go back to the next run' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: RunActionResultView })
  fail(@IdParam() id: string, @Body() body: FailPayoutRequest): Promise<RunActionResultView> {
    return this.act(id, 'fail', { reason: body.reason });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancels every draft or approved payout of the run (admin): their entries go back to the next run' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: RunActionResultView })
  cancel(@IdParam() id: string, @Body() body: CancelPayoutRequest): Promise<RunActionResultView> {
    return this.act(id, 'cancel', { reason: body.reason });
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'The approved payouts of the run as a PayPal Payouts batch, a Wise batch or a plain CSV (admin: full account details)',
  })
  @RequireRole(Role.Admin)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV attachment (docs/payouts.md#exports)' })
  async export(@IdParam() id: string, @Query() query: RunExportQuery): Promise<StreamableFile> {
    return csvDownload(await this.exports.run(id, query.format, query.currency));
  }

  private async act(id: string, action: PayoutAction, input?: TransitionInput): Promise<RunActionResultView> {
    const { changed } = await this.transitions.onRun(id, action, input);
    return { changed, run: toPayoutRunView(await this.runs.getRun(id), await this.runs.runTotals(id)) };
  }
}
