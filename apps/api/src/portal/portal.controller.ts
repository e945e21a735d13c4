import { Body, Controller, Delete, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { PortalAuth, PortalService } from '@app/portal';
import { IdParam } from '../core/id-param';
import { toContractView } from '../contracts/contract.views';
import { DeliverableList, DeliverableView, toDeliverableView } from '../deliverables/deliverable.views';
import {
  AcceptTermsRequest,
  PortalCodeList,
  PortalContractList,
  PortalEarningsList,
  PortalMeView,
  PortalPostUrlRequest,
  PortalRelationshipList,
  PortalSessionList,
  PortalSubmitRequest,
  PortalTermsView,
} from './portal.dto';
import { PortalRoute, portalPrincipal } from './portal.guard';

const illegal = 'Not allowed from the current status; the problem carries `currentStatus`';

/** What a signed-in ambassador reads and does: only their own; another ambassador's ids answer 404. */
@ApiTags('portal')
@Controller('portal')
@PortalRoute()
export class PortalController {
  constructor(
    private readonly portal: PortalService,
    private readonly auth: PortalAuth,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'The signed-in ambassador and the workspace they work with' })
  @ApiOkResponse({ type: PortalMeView })
  me(): Promise<PortalMeView> {
    return this.portal.me();
  }

  @Get('sessions')
  @ApiOperation({ summary: "The ambassador's signed-in browsers" })
  @ApiOkResponse({ type: PortalSessionList })
  async sessions(@Req() request: Request): Promise<PortalSessionList> {
    return { data: await this.auth.sessions(portalPrincipal(request)) };
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Signs one of their browsers out' })
  @ApiNoContentResponse({ description: 'Ended' })
  async revoke(@IdParam() id: string, @Req() request: Request): Promise<void> {
    await this.auth.revoke(portalPrincipal(request), id);
  }

  @Get('relationships')
  @ApiOperation({ summary: "The ambassador's relationships with the workspace's brands, with their contact" })
  @ApiOkResponse({ type: PortalRelationshipList })
  async relationships(): Promise<PortalRelationshipList> {
    return { data: await this.portal.relationships() };
  }

  @Get('contracts')
  @ApiOperation({ summary: "The ambassador's contract terms, newest first (cancelled drafts left out)" })
  @ApiOkResponse({ type: PortalContractList })
  async contracts(): Promise<PortalContractList> {
    return { data: (await this.portal.contracts()).map(toContractView) };
  }

  @Get('contracts/:id')
  @ApiOperation({ summary: 'One term with its canonical text and hash, as the ambassador reads and accepts it' })
  @ApiOkResponse({ type: PortalTermsView })
  async terms(@IdParam() id: string): Promise<PortalTermsView> {
    const { contract, terms, termsSha256 } = await this.portal.terms(id);
    return { contract: toContractView(contract), terms: { ...terms }, termsSha256 };
  }

  @Post('contracts/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accepts a draft term by the typed full name; records name, time, IP, user agent and the terms hash' })
  @ApiOkResponse({ type: PortalTermsView })
  @ApiConflictResponse({ description: `${illegal} (only a draft); CONTRACT_TERMS_CHANGED when the terms changed since shown` })
  async accept(@IdParam() id: string, @Body() body: AcceptTermsRequest, @Req() request: Request): Promise<PortalTermsView> {
    const { contract, terms, termsSha256 } = await this.portal.accept(id, {
      fullName: body.fullName,
      termsSha256: body.termsSha256,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
    });
    return { contract: toContractView(contract), terms: { ...terms }, termsSha256 };
  }

  @Get('deliverables')
  @ApiOperation({ summary: "The ambassador's deliverables with briefs and due dates, by due date" })
  @ApiOkResponse({ type: DeliverableList })
  async deliverables(): Promise<DeliverableList> {
    return { data: (await this.portal.deliverablesList()).map(toDeliverableView), nextCursor: null };
  }

  @Get('deliverables/:id')
  @ApiOperation({ summary: "One deliverable with the brief and the manager's comment" })
  @ApiOkResponse({ type: DeliverableView })
  async deliverable(@IdParam() id: string): Promise<DeliverableView> {
    return toDeliverableView(await this.portal.deliverable(id));
  }

  @Post('deliverables/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hands in content (planned | changes_requested → submitted); the relationship owner is emailed' })
  @ApiOkResponse({ type: DeliverableView })
  @ApiConflictResponse({ description: illegal })
  async submit(@IdParam() id: string, @Body() body: PortalSubmitRequest): Promise<DeliverableView> {
    return toDeliverableView(await this.portal.submit(id, body));
  }

  @Post('deliverables/:id/post-url')
  @HttpCode(200)
  @ApiOperation({ summary: 'Adds the live post URL of approved content; publishes it when the workspace lets ambassadors publish' })
  @ApiOkResponse({ type: DeliverableView })
  @ApiConflictResponse({ description: `${illegal} (only approved content)` })
  async postUrl(@IdParam() id: string, @Body() body: PortalPostUrlRequest): Promise<DeliverableView> {
    return toDeliverableView(await this.portal.addPostUrl(id, body.postUrl));
  }

  @Get('codes')
  @ApiOperation({ summary: "The ambassador's discount codes and tracking links" })
  @ApiOkResponse({ type: PortalCodeList })
  async codes(): Promise<PortalCodeList> {
    return { data: await this.portal.codes() };
  }

  @Get('earnings')
  @ApiOperation({ summary: 'Earnings per brand and month: retainer, fees, commission pending and approved, refunds' })
  @ApiOkResponse({ type: PortalEarningsList })
  async earnings(): Promise<PortalEarningsList> {
    return { data: await this.portal.earnings() };
  }
}
