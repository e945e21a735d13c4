import { Module } from '@nestjs/common';
import { AttributionModule } from '@app/attribution';
import { WorkspacesModule } from '@app/workspaces';
import { ConversionsController } from './conversions.controller';
import { ShopifyController } from './shopify.controller';
import { TrackingCodesController } from './tracking-codes.controller';

@Module({
  imports: [AttributionModule, WorkspacesModule],
  controllers: [TrackingCodesController, ConversionsController, ShopifyController],
})
export class AttributionApiModule {}
