import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { InfluencerImportService, InfluencersService } from '@app/influencers';
import { IdParam } from '../core/id-param';
import { MAX_IMPORT_ROWS, readInfluencerCsv } from './influencer-csv';
import { ImportReport, InfluencerList, InfluencerView } from './influencer.views';
import { CreateInfluencerRequest, ListInfluencersQuery, UpdateInfluencerRequest } from './influencers.dto';

const csvExample =
  'name,email,country,tags,instagram_handle,instagram_followers\nLena Berg,lena@example.com,SE,outdoor;hiking,@lena.outdoors,48200\n';

@ApiTags('influencers')
@Controller('influencers')
export class InfluencersController {
  constructor(
    private readonly influencers: InfluencersService,
    private readonly importer: InfluencerImportService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates an influencer with social accounts; the tier follows the largest account' })
  @ApiCreatedResponse({ type: InfluencerView })
  @ApiConflictResponse({ description: 'The email or a platform handle already belongs to an influencer' })
  async create(@Body() body: CreateInfluencerRequest): Promise<InfluencerView> {
    return this.influencers.create(body);
  }

  @Post('import')
  @ApiOperation({ summary: 'Upserts influencers by email from CSV; refused rows are reported, valid rows kept' })
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: csvExample }, description: 'Columns and rules: docs/influencers-import.md' })
  @ApiOkResponse({ type: ImportReport, description: 'Valid rows are upserted by email; invalid rows are reported by line and column' })
  @ApiBadRequestResponse({ description: 'Not CSV, or a header row with missing or unknown columns' })
  @ApiPayloadTooLargeResponse({ description: `More than ${MAX_IMPORT_ROWS} data rows` })
  async import(@Body() body: unknown): Promise<ImportReport> {
    const csv = await readInfluencerCsv(body);
    const result = await this.importer.execute(csv.rows);
    const rejected = [...csv.rejected, ...result.rejected].sort((a, b) => a.row - b.row).map(csv.inColumns);
    return { created: result.created, updated: result.updated, rejected };
  }

  @Get()
  @ApiOperation({ summary: 'Influencers, filtered by tier, platform, tag or text' })
  @ApiOkResponse({ type: InfluencerList })
  async list(@Query() query: ListInfluencersQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { tier, platform, tag, q } = query;
    // Already JSON (an InfluencerList): sent as is, with the headers res.json would set.
    res.type('application/json');
    return this.influencers.listJson({ tier, platform, tags: tag, q }, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One influencer with its social accounts, largest audience first' })
  @ApiOkResponse({ type: InfluencerView })
  async get(@IdParam() id: string): Promise<InfluencerView> {
    return this.influencers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes an influencer; socialAccounts, when given, is the new complete set' })
  @ApiOkResponse({ type: InfluencerView })
  @ApiConflictResponse({ description: 'The email or a platform handle already belongs to another influencer' })
  async update(@IdParam() id: string, @Body() body: UpdateInfluencerRequest): Promise<InfluencerView> {
    return this.influencers.update(id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deletes an influencer' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The influencer still has relationships' })
  remove(@IdParam() id: string): Promise<void> {
    return this.influencers.remove(id);
  }
}
