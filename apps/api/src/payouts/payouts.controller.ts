import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  decodeCursorParts,
  EmptyBody,
  encodeCursorParts,
  isUuid,
  RequestContext,
  RequireRole,
  Role,
  toCursorPage,
  toPage,
} from '@app/common';
import {
  encodePayeeCursor,
  OwedKey,
  PayoutAction,
  PayoutBalancesService,
  PayoutExports,
  PayoutRunsService,
  PayoutStatements,
  PayoutTransitions,
  TransitionInput,
} from '@app/payouts';
import { IdParam } from '../core/id-param';
import { csvDownload } from './csv-file';
import { CancelPayoutRequest, EarningsQuery, FailPayoutRequest, ListBalancesQuery, ListPayoutsQuery, MarkPaidRequest } from './payouts.dto';
import {
  OwedBalanceList,
  PayoutList,
  PayoutStatementView,
  PayoutView,
  toBalanceView,
  toPayoutListItemView,
  toPayoutView,
} from './payouts.views';
import { ApiStatementAnswer, statementAnswer } from './statement-answer';

/** A keyset cursor of the owed list: (name, influencer id, currency), opaque to clients. */
const encodeOwedCursor = ({ influencerName, influencerId, currency }: OwedKey) =>
  encodeCursorParts([influencerName, influencerId, currency.trim()]);
const decodeOwedCursor = (raw?: string): OwedKey | undefined =>
  decodeCursorParts(raw, ([influencerName, influencerId, currency]) =>
    typeof influencerName === 'string' && isUuid(influencerId) && typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)
      ? { influencerName, influencerId, currency }
      : undefined,
  );

@ApiTags('payouts')
@Controller('payouts')
export class PayoutsController {
  constructor(
    private readonly runs: PayoutRunsService,
    private readonly transitions: PayoutTransitions,
    private readonly balances: PayoutBalancesService,
    private readonly statements: PayoutStatements,
    private readonly exports: PayoutExports,
  ) {}

  @Get()
  @ApiOperation({ summary: "Payouts, newest first or by the payee's name (sort=payee); filters runId, influencerId, status" })
  @ApiOkResponse({ type: PayoutList })
  async list(@Query() query: ListPayoutsQuery): Promise<PayoutList> {
    const { limit, cursor, sort, ...filter } = query;
    const rows = await this.runs.listPayouts(filter, limit, cursor, sort);
    return sort === 'newest'
      ? toPage(rows, limit, toPayoutListItemView)
      : toCursorPage(rows, limit, encodePayeeCursor, toPayoutListItemView);
  }

  // Declared before ':id' so these words are not read as ids.
  @Get('balances')
  @ApiOperation({ summary: 'Everyone owed (or carrying a negative balance), per payee and currency, by name' })
  @ApiOkResponse({ type: OwedBalanceList })
  async owed(@Query() query: ListBalancesQuery): Promise<OwedBalanceList> {
    const rows = await this.balances.unpaid(query.currency, query.limit, decodeOwedCursor(query.cursor));
    return toCursorPage(rows, query.limit, encodeOwedCursor, (row) => ({
      influencerId: row.influencerId,
      influencerName: row.influencerName,
      ...toBalanceView(row),
    }));
  }

  @Get('earnings')
  @ApiOperation({ summary: 'Year-end earnings per payee and currency as CSV: earned (entries of the year) and paid (payouts paid in it)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV attachment' })
  async earnings(@Query() query: EarningsQuery): Promise<StreamableFile> {
    return csvDownload(await this.exports.yearEnd(query.year));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A payout' })
  @ApiOkResponse({ type: PayoutView })
  async get(@IdParam() id: string): Promise<PayoutView> {
    return toPayoutView(await this.runs.getPayout(id));
  }

  @Get(':id/statement')
  @ApiOperation({ summary: "The payout's statement: opening carried balance, lines per relationship and kind, total, masked method" })
  @ApiStatementAnswer()
  async statement(
    @IdParam() id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PayoutStatementView | StreamableFile | string> {
    return statementAnswer(await this.statements.build(RequestContext.workspaceId(), id), accept, res);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approves a draft payout (admin); emails the ambassador the statement' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: PayoutView })
  approve(@IdParam() id: string, @Body() _body: EmptyBody): Promise<PayoutView> {
    return this.act(id, 'approve');
  }

  @Post(':id/mark-paid')
  @HttpCode(200)
  @ApiOperation({ summary: 'Records that an approved payout was paid, with the reference (admin); emails the ambassador' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: PayoutView })
  markPaid(@IdParam() id: string, @Body() body: MarkPaidRequest): Promise<PayoutView> {
    return this.act(id, 'mark-paid', { reference: body.reference, paidAt: body.paidAt ? new Date(body.paidAt) : undefined });
  }

  @Post(':id/fail')
  @HttpCode(200)
  @ApiOperation({ summary: 'Records that an approved payout failed (admin): its entries go back to the next run' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: PayoutView })
  fail(@IdParam() id: string, @Body() body: FailPayoutRequest): Promise<PayoutView> {
    return this.act(id, 'fail', { reason: body.reason });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancels a draft or approved payout (admin): its entries go back to the next run' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: PayoutView })
  cancel(@IdParam() id: string, @Body() body: CancelPayoutRequest): Promise<PayoutView> {
    return this.act(id, 'cancel', { reason: body.reason });
  }

  private async act(id: string, action: PayoutAction, input?: TransitionInput): Promise<PayoutView> {
    return toPayoutView(await this.transitions.onPayout(id, action, input));
  }
}
