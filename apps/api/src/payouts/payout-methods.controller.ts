import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@app/common';
import { PayoutBalancesService, PayoutMethodsService } from '@app/payouts';
import { IdParam } from '../core/id-param';
import { PutPayoutMethodRequest } from './payouts.dto';
import { InfluencerBalanceView, PayoutMethodView, toBalanceView, toPayoutMethodView } from './payouts.views';

/** What an influencer is owed and how they are paid: under the influencer, as the payee. */
@ApiTags('payouts')
@Controller('influencers')
export class PayoutMethodsController {
  constructor(
    private readonly methods: PayoutMethodsService,
    private readonly balances: PayoutBalancesService,
  ) {}

  @Get(':id/payout-method')
  @ApiOperation({ summary: "The influencer's payout method: masked except to admins" })
  @ApiOkResponse({ type: PayoutMethodView })
  async get(@IdParam() id: string): Promise<PayoutMethodView> {
    return toPayoutMethodView(await this.methods.get(id));
  }

  @Put(':id/payout-method')
  @ApiOperation({
    summary: 'Sets how the influencer is paid (admin): paypal, wise, bank_transfer or other, validated per kind; audit-logged masked',
  })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: PayoutMethodView })
  async put(@IdParam() id: string, @Body() body: PutPayoutMethodRequest): Promise<PayoutMethodView> {
    const { kind, ...details } = body;
    return toPayoutMethodView(await this.methods.set(id, kind, details));
  }

  @Delete(':id/payout-method')
  @ApiOperation({ summary: "Removes the influencer's payout method (admin)" })
  @RequireRole(Role.Admin)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(@IdParam() id: string): Promise<void> {
    await this.methods.remove(id);
  }

  @Get(':id/balance')
  @ApiOperation({ summary: 'What the influencer is owed, per currency: owed, in open payouts, paid to date, carried negative' })
  @ApiOkResponse({ type: InfluencerBalanceView })
  async balance(@IdParam() id: string): Promise<InfluencerBalanceView> {
    return { influencerId: id, balances: (await this.balances.forInfluencer(id)).map(toBalanceView) };
  }
}
