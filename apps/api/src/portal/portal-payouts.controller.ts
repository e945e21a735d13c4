import { Controller, Get, Headers, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PayeePayouts } from '@app/payouts';
import { IdParam } from '../core/id-param';
import { money, PayoutStatementView } from '../payouts/payouts.views';
import { ApiStatementAnswer, statementAnswer } from '../payouts/statement-answer';
import { PortalPayoutList } from './portal.dto';
import { PortalRoute, portalPrincipal } from './portal.guard';

/** The ambassador's own payouts and statements (docs/payouts.md): drafts, cancelled payouts and anyone else's answer 404. */
@ApiTags('portal')
@Controller('portal/payouts')
@PortalRoute()
export class PortalPayoutsController {
  constructor(private readonly payouts: PayeePayouts) {}

  @Get()
  @ApiOperation({ summary: "The ambassador's approved, paid and failed payouts, newest first, with the payout method masked" })
  @ApiOkResponse({ type: PortalPayoutList })
  async list(@Req() request: Request): Promise<PortalPayoutList> {
    const { workspaceId, influencerId } = portalPrincipal(request);
    const { payouts, method } = await this.payouts.list(workspaceId, influencerId);
    return { data: payouts.map((p) => ({ ...p, total: money(p.total, p.currency) })), method };
  }

  @Get(':id/statement')
  @ApiOperation({
    summary: "One of the ambassador's payouts as a statement: opening carried balance, lines per brand and kind, total, masked method",
  })
  @ApiStatementAnswer()
  async statement(
    @IdParam() id: string,
    @Headers('accept') accept: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PayoutStatementView | StreamableFile | string> {
    const { workspaceId, influencerId } = portalPrincipal(request);
    return statementAnswer(await this.payouts.statement(workspaceId, influencerId, id), accept, res);
  }
}
