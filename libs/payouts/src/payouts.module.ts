import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { BrandsModule } from '@app/brands';
import { CostsModule } from '@app/costs';
import { InfluencersModule } from '@app/influencers';
import { NotificationsModule } from '@app/notifications';
import { PayoutBalancesService } from './balances/payout-balances.service';
import { PayoutExports } from './exports/payout-exports';
import { PayoutMethod } from './methods/payout-method.entity';
import { PayoutMethodsService } from './methods/payout-methods.service';
import { Payout } from './runs/payout.entity';
import { PayoutRun } from './runs/payout-run.entity';
import { PayoutRunsService } from './runs/payout-runs.service';
import { PayoutTransitions } from './runs/payout-transitions.service';
import { PayoutSettingsService } from './settings/payout-settings.service';
import { PayoutStatementsModule } from './statements/payout-statements.module';

const exported = [PayoutMethodsService, PayoutSettingsService, PayoutRunsService, PayoutTransitions, PayoutBalancesService, PayoutExports];

/** The payouts context (docs/payouts.md): owns payout_methods, payout_settings, payout_runs, payouts, payout_entries. */
@Module({
  imports: [
    TypeOrmModule.forFeature([PayoutMethod, PayoutRun, Payout]),
    ActivityModule,
    BrandsModule,
    CostsModule,
    InfluencersModule,
    NotificationsModule,
    PayoutStatementsModule,
  ],
  providers: exported,
  exports: [...exported, PayoutStatementsModule],
})
export class PayoutsModule {}
