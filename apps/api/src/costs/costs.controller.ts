import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toKeysetPage, ValidationException } from '@app/common';
import { CostsService } from '@app/costs';
import { IdParam } from '../core/id-param';
import { CostEntryList, CostEntryView, toCostEntryView } from './cost.views';
import { CreateCostRequest, ListCostsQuery } from './costs.dto';

/** The ledger is append-only: there is deliberately no PATCH or DELETE (docs/costs.md). */
@ApiTags('costs')
@Controller('relationships')
export class CostsController {
  constructor(private readonly costs: CostsService) {}

  @Post(':id/costs')
  @ApiOperation({
    summary:
      'Records a product, other, bonus or adjustment cost; a correction is a negative other cost with a description; bonus and adjustment are owed to the ambassador',
  })
  @ApiCreatedResponse({ type: CostEntryView })
  async create(@IdParam() id: string, @Body() body: CreateCostRequest): Promise<CostEntryView> {
    return toCostEntryView(await this.costs.add(id, body));
  }

  @Get(':id/costs')
  @ApiOperation({ summary: 'Cost entries of a relationship, newest day first' })
  @ApiOkResponse({ type: CostEntryList })
  async list(@IdParam() id: string, @Query() query: ListCostsQuery): Promise<CostEntryList> {
    const { limit, cursor, kind, from, to } = query;
    if (from && to && from > to) throw new ValidationException([{ field: 'to', message: 'must not be before from' }]);
    return toKeysetPage(await this.costs.list(id, { kind, from, to }, limit, cursor), limit, (entry) => entry.incurredOn, toCostEntryView);
  }
}
