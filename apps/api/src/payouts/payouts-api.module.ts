import { Module } from '@nestjs/common';
import { PayoutsModule } from '@app/payouts';
import { PayoutMethodsController } from './payout-methods.controller';
import { PayoutRunsController } from './payout-runs.controller';
import { PayoutSettingsController } from './payout-settings.controller';
import { PayoutsController } from './payouts.controller';

@Module({
  imports: [PayoutsModule],
  controllers: [PayoutMethodsController, PayoutRunsController, PayoutsController, PayoutSettingsController],
})
export class PayoutsApiModule {}
