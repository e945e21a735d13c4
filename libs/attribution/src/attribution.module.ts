import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { ContractsModule } from '@app/contracts';
import { CostsModule } from '@app/costs';
import { RelationshipsModule } from '@app/relationships';
import { WorkspacesModule } from '@app/workspaces';
import { Conversion } from './entities/conversion.entity';
import { TrackingCode } from './entities/tracking-code.entity';
import { ConversionWriter } from './services/conversion-writer';
import { ConversionsService } from './services/conversions.service';
import { TrackingCodesService } from './services/tracking-codes.service';
import { ShopifyWebhook } from './shopify/shopify-webhook';
import { IngestConversions } from './use-cases/ingest-conversions';
import { ReverseConversion } from './use-cases/reverse-conversion';
import { VoidConversion } from './use-cases/void-conversion';

const exported = [TrackingCodesService, ConversionsService, IngestConversions, ReverseConversion, VoidConversion, ShopifyWebhook];

/**
 * Reads relationships, brands and terms through their services, and books a void's commission through the cost
 * ledger's; nothing in those contexts depends back on it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([TrackingCode, Conversion]),
    RelationshipsModule,
    ContractsModule,
    WorkspacesModule,
    CostsModule,
    ActivityModule,
  ],
  providers: [...exported, ConversionWriter],
  exports: exported,
})
export class AttributionModule {}
