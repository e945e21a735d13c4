import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role, roundTo } from '@app/common';
import { PayoutSettingsService } from '@app/payouts';
import { UpdatePayoutSettingsRequest } from './payouts.dto';
import { PayoutSettingsView } from './payouts.views';

@ApiTags('payouts')
@Controller('payout-settings')
export class PayoutSettingsController {
  constructor(private readonly settings: PayoutSettingsService) {}

  @Get()
  @ApiOperation({ summary: "The workspace's payout settings: the minimum payout (default 50.00 in each currency's units)" })
  @ApiOkResponse({ type: PayoutSettingsView })
  async get(): Promise<PayoutSettingsView> {
    return { minimum: roundTo((await this.settings.get()).minimum, 2) };
  }

  @Patch()
  @ApiOperation({ summary: 'Changes the minimum payout (admin); runs already made keep the one they applied' })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: PayoutSettingsView })
  async update(@Body() body: UpdatePayoutSettingsRequest): Promise<PayoutSettingsView> {
    return { minimum: roundTo((await this.settings.update({ minimum: body.minimum })).minimum, 2) };
  }
}
