import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, RequestContext, toPage } from '@app/common';
import { BrandsService } from '@app/brands';
import { ContractsService, currentTerm } from '@app/contracts';
import { InfluencersService } from '@app/influencers';
import { RelationshipsService } from '@app/relationships';
import { RelationshipPerformanceService } from '@app/reports';
import { IdParam } from '../core/id-param';
import { toContractView } from '../contracts/contract.views';
import { PerformanceView, RoiTrendList } from './performance.views';
import {
  ActivityList,
  RelationshipDetailView,
  RelationshipList,
  RelationshipView,
  toActivityView,
  toRelationshipListItemView,
  toRelationshipView,
} from './relationship.views';
import { CreateRelationshipRequest, ListRelationshipsQuery, PerformanceQueryRequest, RoiTrendsQuery } from './relationships.dto';

/** The detail view is composed here: the relationships lib knows nothing of contracts. */
@ApiTags('relationships')
@Controller('relationships')
export class RelationshipsController {
  constructor(
    private readonly relationships: RelationshipsService,
    private readonly contracts: ContractsService,
    private readonly brands: BrandsService,
    private readonly influencers: InfluencersService,
    private readonly performance: RelationshipPerformanceService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates the relationship of a brand and an influencer (one per pair)' })
  @ApiCreatedResponse({ type: RelationshipView })
  @ApiConflictResponse({ description: 'The pair already has a relationship (RELATIONSHIP_EXISTS, with existingId)' })
  async create(@Body() body: CreateRelationshipRequest): Promise<RelationshipView> {
    return toRelationshipView(await this.relationships.create(body));
  }

  @Get()
  @ApiOperation({
    summary:
      "Relationships with names, tier, the current term's end and the quarter's ROI; filtered by brand, influencer, status or a search; sorted on any of those columns (newest first by default)",
  })
  @ApiOkResponse({ type: RelationshipList })
  async list(@Query() query: ListRelationshipsQuery): Promise<RelationshipList> {
    const { brandId, influencerId, status, q, limit, cursor, sort } = query;
    const page = await this.relationships.list({ brandId, influencerId, status, q }, { limit, cursor, sort });
    return { data: page.items.map(toRelationshipListItemView), nextCursor: page.nextCursor };
  }

  @Get('roi-trends')
  @ApiOperation({
    summary: "ROI per fiscal quarter of several relationships, up to the current quarter: the renewals pipeline's sparklines in one call",
  })
  @ApiOkResponse({ type: RoiTrendList })
  async roiTrends(@Query() query: RoiTrendsQuery): Promise<RoiTrendList> {
    return { data: await this.performance.roiTrends(RequestContext.workspaceId(), [...new Set(query.relationshipId)], query.quarters) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One relationship: brand, influencer, current contract, renewal chain and all-time figures' })
  @ApiOkResponse({ type: RelationshipDetailView })
  async get(@IdParam() id: string): Promise<RelationshipDetailView> {
    const relationship = await this.relationships.get(id);
    const [brand, influencer, terms, allTime] = await Promise.all([
      this.brands.get(relationship.brandId),
      this.influencers.get(relationship.influencerId),
      this.contracts.terms(id),
      this.performance.allTime(RequestContext.workspaceId(), id),
    ]);
    const current = currentTerm(terms);
    const main = influencer.socialAccounts[0];
    return {
      ...toRelationshipView(relationship),
      brand: { id: brand.id, name: brand.name, currency: brand.currency, timezone: brand.timezone },
      influencer: {
        id: influencer.id,
        name: influencer.name,
        handle: main?.handle ?? null,
        platform: main?.platform ?? null,
        email: influencer.email,
        tier: influencer.tier,
      },
      currentContract: current ? toContractView(await this.contracts.get(current.id)) : null,
      renewalChain: terms,
      ...allTime,
    };
  }

  @Get(':id/performance')
  @ApiOperation({
    summary:
      'Figures per day, month or fiscal quarter from the rollups, every bucket present, with the totals of the range (docs/metrics.md)',
  })
  @ApiOkResponse({ type: PerformanceView })
  performanceOf(@IdParam() id: string, @Query() query: PerformanceQueryRequest): Promise<PerformanceView> {
    return this.performance.series(RequestContext.workspaceId(), id, query);
  }

  @Get(':id/activity')
  @ApiOperation({ summary: 'Who changed what on the relationship, its contracts and deliverables, newest first' })
  @ApiOkResponse({ type: ActivityList, description: 'Newest first: who changed what on the relationship, its contracts and deliverables' })
  async activity(@IdParam() id: string, @Query() query: PageQuery): Promise<ActivityList> {
    return toPage(await this.relationships.listActivity(id, query.limit, query.cursor), query.limit, toActivityView);
  }
}
