import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '@app/contracts';
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

const exported = [TrackingCodesService, ConversionsService, IngestConversions, ReverseConversion, ShopifyWebhook];

/** Reads relationships, brands and terms through their services; nothing in those contexts depends back on it. */
@Module({
  imports: [TypeOrmModule.forFeature([TrackingCode, Conversion]), RelationshipsModule, ContractsModule, WorkspacesModule],
  providers: [...exported, ConversionWriter],
  exports: exported,
})
export class AttributionModule {}
