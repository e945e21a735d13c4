import { applyDecorators, Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EmptyBody, toKeysetPage } from '@app/common';
import { DeliverableMetricsService, DeliverablesService, DeliverableWorkflow, MetricSnapshot } from '@app/deliverables';
import { IdParam } from '../core/id-param';
import { DeliverableList, DeliverableView, MetricSnapshotView, toDeliverableView } from './deliverable.views';
import {
  AddMetricsRequest,
  ListDeliverablesQuery,
  PublishDeliverableRequest,
  RequestChangesRequest,
  SubmitDeliverableRequest,
  UpdateDeliverableRequest,
} from './deliverables.dto';

/** Every workflow route answers 200 with the deliverable, or 409 carrying `currentStatus`. */
const Transition = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiOkResponse({ type: DeliverableView }),
    ApiConflictResponse({ description: 'Not allowed from the current status; the problem carries `currentStatus`' }),
  );
const optionalDate = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

function toSnapshotView(snapshot: MetricSnapshot): MetricSnapshotView {
  const { id, deliverableId, impressions, reach, views, likes, comments, shares, saves, clicks, capturedAt, createdAt } = snapshot;
  return { id, deliverableId, impressions, reach, views, likes, comments, shares, saves, clicks, capturedAt, createdAt };
}

/** Creation by hand is POST /v1/deliverables in the contracts API: it needs the contract's term. */
@ApiTags('deliverables')
@Controller('deliverables')
export class DeliverablesController {
  constructor(
    private readonly deliverables: DeliverablesService,
    private readonly workflow: DeliverableWorkflow,
    private readonly metrics: DeliverableMetricsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Deliverables in due-date order, filtered by contract, status, due date or overdue' })
  @ApiOkResponse({ type: DeliverableList, description: 'In due-date order' })
  async list(@Query() query: ListDeliverablesQuery): Promise<DeliverableList> {
    const { limit, cursor, ...filter } = query;
    return toKeysetPage(await this.deliverables.list(filter, limit, cursor), limit, (row) => row.dueDate, toDeliverableView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One deliverable with its latest metrics' })
  @ApiOkResponse({ type: DeliverableView })
  async get(@IdParam() id: string): Promise<DeliverableView> {
    return toDeliverableView(await this.deliverables.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes a planned deliverable (brief, due date, platform, type, account, fee)' })
  @ApiOkResponse({ type: DeliverableView })
  @ApiConflictResponse({ description: 'Only planned or changes_requested deliverables can be edited' })
  async update(@IdParam() id: string, @Body() body: UpdateDeliverableRequest): Promise<DeliverableView> {
    return toDeliverableView(await this.deliverables.update(id, body));
  }

  @Post(':id/submit')
  @Transition('planned | changes_requested → submitted')
  async submit(@IdParam() id: string, @Body() body: SubmitDeliverableRequest): Promise<DeliverableView> {
    return toDeliverableView(await this.workflow.submit(id, body));
  }

  @Post(':id/request-changes')
  @Transition('submitted → changes_requested')
  async requestChanges(@IdParam() id: string, @Body() body: RequestChangesRequest): Promise<DeliverableView> {
    return toDeliverableView(await this.workflow.requestChanges(id, body));
  }

  @Post(':id/approve')
  @Transition('submitted → approved')
  async approve(@IdParam() id: string, @Body() _body: EmptyBody): Promise<DeliverableView> {
    return toDeliverableView(await this.workflow.approve(id));
  }

  @Post(':id/publish')
  @Transition('approved → published; freezes the account audience for the engagement rate')
  async publish(@IdParam() id: string, @Body() body: PublishDeliverableRequest): Promise<DeliverableView> {
    return toDeliverableView(await this.workflow.publish(id, { postUrl: body.postUrl, publishedAt: optionalDate(body.publishedAt) }));
  }

  @Post(':id/cancel')
  @Transition('planned | submitted | changes_requested | approved → cancelled')
  async cancel(@IdParam() id: string, @Body() _body: EmptyBody): Promise<DeliverableView> {
    return toDeliverableView(await this.workflow.cancel(id));
  }

  @Post(':id/metrics')
  @ApiOperation({ summary: 'Adds a metric snapshot; the latest capturedAt counts' })
  @ApiCreatedResponse({ type: MetricSnapshotView })
  @ApiConflictResponse({ description: 'The deliverable is not published' })
  async addMetrics(@IdParam() id: string, @Body() body: AddMetricsRequest): Promise<MetricSnapshotView> {
    const { capturedAt, ...counts } = body;
    return toSnapshotView(await this.metrics.add(id, { ...counts, capturedAt: optionalDate(capturedAt) }));
  }
}
