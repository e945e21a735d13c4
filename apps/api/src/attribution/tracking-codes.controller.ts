import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toPage } from '@app/common';
import { TrackingCodesService } from '@app/attribution';
import { IdParam } from '../core/id-param';
import { CreateTrackingCodeRequest, ListTrackingCodesQuery, TrackingCodeList, TrackingCodeView } from './tracking-codes.dto';
import { trackingCodeView } from './tracking-codes.views';

@ApiTags('tracking-codes')
@Controller('tracking-codes')
export class TrackingCodesController {
  constructor(private readonly codes: TrackingCodesService) {}

  @Post()
  @ApiOperation({ summary: 'Creates a discount code or link slug for a relationship, unique per workspace' })
  @ApiCreatedResponse({ type: TrackingCodeView })
  @ApiConflictResponse({ description: 'The code is already in use in this workspace (any case)' })
  async create(@Body() body: CreateTrackingCodeRequest): Promise<TrackingCodeView> {
    return trackingCodeView(await this.codes.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'Tracking codes, filtered by relationship or kind' })
  @ApiOkResponse({ type: TrackingCodeList })
  async list(@Query() query: ListTrackingCodesQuery): Promise<TrackingCodeList> {
    return toPage(
      await this.codes.list({ relationshipId: query.relationshipId, kind: query.kind }, query.limit, query.cursor),
      query.limit,
      trackingCodeView,
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One tracking code' })
  @ApiOkResponse({ type: TrackingCodeView })
  async get(@IdParam() id: string): Promise<TrackingCodeView> {
    return trackingCodeView(await this.codes.get(id));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deletes a tracking code (soft): the code can be reused, past conversions keep their link to it' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Soft-deleted: the code can be reused; past conversions keep their link to it' })
  async remove(@IdParam() id: string): Promise<void> {
    await this.codes.remove(id);
  }
}
