import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, toPage } from '@app/common';
import { Brand, BrandsService } from '@app/brands';
import { IdParam } from '../core/id-param';
import { BrandList, BrandView, CreateBrandRequest, UpdateBrandRequest } from './brands.dto';

const view = (b: Brand): BrandView => ({
  id: b.id,
  name: b.name,
  currency: b.currency,
  timezone: b.timezone,
  fiscalYearStartMonth: b.fiscalYearStartMonth,
  managerUserIds: (b.managers ?? []).map((m) => m.userId),
  createdAt: b.createdAt,
  updatedAt: b.updatedAt,
});

@ApiTags('brands')
@Controller('brands')
export class BrandsController {
  constructor(private readonly brands: BrandsService) {}

  @Post()
  @ApiOperation({ summary: 'Creates a brand with its currency, time zone and fiscal year start' })
  @ApiCreatedResponse({ type: BrandView })
  async create(@Body() body: CreateBrandRequest): Promise<BrandView> {
    return view(await this.brands.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'Brands of the workspace, newest first' })
  @ApiOkResponse({ type: BrandList })
  async list(@Query() query: PageQuery): Promise<BrandList> {
    return toPage(await this.brands.list(query.limit, query.cursor), query.limit, view);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One brand' })
  @ApiOkResponse({ type: BrandView })
  async get(@IdParam() id: string): Promise<BrandView> {
    return view(await this.brands.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Changes a brand's name and settings" })
  @ApiOkResponse({ type: BrandView })
  async update(@IdParam() id: string, @Body() body: UpdateBrandRequest): Promise<BrandView> {
    return view(await this.brands.update(id, body));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deletes a brand that has no relationships' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The brand still has relationships' })
  remove(@IdParam() id: string): Promise<void> {
    return this.brands.remove(id);
  }
}
