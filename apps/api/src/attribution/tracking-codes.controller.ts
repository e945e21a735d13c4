import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { toPage } from '@app/common';
import { TrackingCode, TrackingCodesService } from '@app/attribution';
import { IdParam } from '../core/id-param';
import { CreateTrackingCodeRequest, ListTrackingCodesQuery, TrackingCodeList, TrackingCodeView } from './tracking-codes.dto';

const toView = ({ id, relationshipId, kind, code, destinationUrl, validFrom, validTo, createdAt }: TrackingCode): TrackingCodeView => ({
  id,
  relationshipId,
  kind,
  code,
  destinationUrl,
  validFrom,
  validTo,
  createdAt,
});

@ApiTags('tracking-codes')
@Controller('tracking-codes')
export class TrackingCodesController {
  constructor(private readonly codes: TrackingCodesService) {}

  @Post()
  @ApiCreatedResponse({ type: TrackingCodeView })
  @ApiConflictResponse({ description: 'The code is already in use in this workspace (any case)' })
  async create(@Body() body: CreateTrackingCodeRequest): Promise<TrackingCodeView> {
    return toView(await this.codes.create(body));
  }

  @Get()
  @ApiOkResponse({ type: TrackingCodeList })
  async list(@Query() query: ListTrackingCodesQuery): Promise<TrackingCodeList> {
    return toPage(
      await this.codes.list({ relationshipId: query.relationshipId, kind: query.kind }, query.limit, query.cursor),
      query.limit,
      toView,
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: TrackingCodeView })
  async get(@IdParam() id: string): Promise<TrackingCodeView> {
    return toView(await this.codes.get(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Soft-deleted: the code can be reused; past conversions keep their link to it' })
  async remove(@IdParam() id: string): Promise<void> {
    await this.codes.remove(id);
  }
}
