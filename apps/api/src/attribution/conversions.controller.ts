import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toKeysetPage, ValidationException } from '@app/common';
import { AttributionException, ConversionsService, IngestConversions, ReverseConversion, VoidConversion } from '@app/attribution';
import { IdParam } from '../core/id-param';
import { validateBatch } from './conversion-batch';
import { conversionsCsv } from './conversion-csv';
import { BatchResultView, ConversionList, ConversionView, toConversionView } from './conversion.views';
import {
  BatchConversionsRequest,
  CreateConversionRequest,
  ListConversionsQuery,
  ReverseConversionRequest,
  VoidConversionRequest,
} from './conversions.dto';

@ApiTags('conversions')
@Controller('conversions')
export class ConversionsController {
  constructor(
    private readonly conversions: ConversionsService,
    private readonly ingest: IngestConversions,
    private readonly reverseConversion: ReverseConversion,
    private readonly voidConversion: VoidConversion,
  ) {}

  /**
   * 201 new, 200 with the stored row for a repeated (source, externalId). @HttpCode(200) plus an explicit
   * 201 lets the Idempotency-Key interceptor, which trusts a non-200 status and else @HttpCode, store both right.
   */
  @Post()
  @ApiOperation({ summary: 'Records one conversion: 201 new, 200 with the existing one for a repeated (source, externalId)' })
  @HttpCode(200)
  @ApiCreatedResponse({ type: ConversionView, description: 'Recorded' })
  @ApiOkResponse({
    type: ConversionView,
    description: 'Already recorded under this (source, externalId) with the same values: the original row',
  })
  @ApiConflictResponse({
    description:
      'CONVERSION_CONFLICT: already recorded under this (source, externalId) with other values; `fields` (and `errors`) name them, `conversionId` the recorded one, which is kept unchanged',
  })
  async create(@Body() body: CreateConversionRequest, @Res({ passthrough: true }) res: Response): Promise<ConversionView> {
    const result = await this.ingest.execute([body]);
    if (result.rejected.length) throw new ValidationException(result.rejected[0].errors);
    if (result.inserted.length) {
      res.status(201);
      return toConversionView(await this.conversions.get(result.inserted[0].id));
    }
    const recorded = (await this.conversions.findByExternalId(body.source, body.externalId))!;
    if (result.conflicts.length) throw AttributionException.conflict(recorded.id, result.conflicts[0].fields);
    return toConversionView(recorded);
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Up to 5,000 conversions; valid ones are kept, the others reported by index (rejected, or conflicts: recorded with other values)',
  })
  @ApiOkResponse({ type: BatchResultView })
  async batch(@Body() body: BatchConversionsRequest): Promise<BatchResultView> {
    const { valid, positions, rejected } = await validateBatch(body.conversions);
    const result = await this.ingest.execute(valid);
    const refused = result.rejected.map((r) => ({ index: positions[r.index], errors: r.errors }));
    return {
      accepted: result.inserted.length,
      duplicates: result.duplicates.length,
      conflicts: result.conflicts.map(({ index, fields }) => ({ index: positions[index], fields })),
      rejected: [...rejected, ...refused].sort((a, b) => a.index - b.index),
    };
  }

  @Get()
  @ApiOperation({ summary: 'Conversions, filtered by relationship, status and time; Accept: text/csv streams them' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ConversionList, description: 'With `Accept: text/csv`: every matching row as CSV, streamed (no paging)' })
  async list(@Query() query: ListConversionsQuery, @Headers('accept') accept?: string): Promise<ConversionList | StreamableFile> {
    const filter = { relationshipId: query.relationshipId, status: query.status, from: query.from, to: query.to };
    if (accept?.includes('text/csv')) {
      return new StreamableFile(conversionsCsv(this.conversions.exportAll(filter)), {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="conversions.csv"',
      });
    }
    // Ordered by occurred_at, so the cursor carries it.
    return toKeysetPage(
      await this.conversions.list(filter, query.limit, query.cursor),
      query.limit,
      (row) => row.occurredAt.toISOString(),
      toConversionView,
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One conversion with its commission and refunds' })
  @ApiOkResponse({ type: ConversionView })
  async get(@IdParam() id: string): Promise<ConversionView> {
    return toConversionView(await this.conversions.get(id));
  }

  @Post(':id/reverse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refund, full (no amount) or partial; status becomes reversed once the whole net is reversed' })
  @ApiOkResponse({ type: ConversionView })
  @ApiConflictResponse({
    description:
      'More than what is left to reverse (CONVERSION_REVERSAL_EXCEEDS_NET / CONVERSION_ALREADY_REVERSED, with remaining), or voided (CONVERSION_VOIDED)',
  })
  async reverse(@IdParam() id: string, @Body() body: ReverseConversionRequest): Promise<ConversionView> {
    return toConversionView(await this.reverseConversion.execute(id, body));
  }

  @Post(':id/void')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Void a mistaken conversion: it leaves revenue and conversions of its order day; approved commission is taken back on the void day',
  })
  @ApiOkResponse({ type: ConversionView, description: 'The conversion, status voided, with voidedAt, voidedBy and voidReason' })
  @ApiConflictResponse({ description: 'Voided already (CONVERSION_VOIDED, with voidedAt)' })
  async void(@IdParam() id: string, @Body() body: VoidConversionRequest): Promise<ConversionView> {
    return toConversionView(await this.voidConversion.execute(id, body.reason));
  }
}
