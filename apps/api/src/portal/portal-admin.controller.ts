import { Controller, Delete, HttpCode } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestContext } from '@app/common';
import { InfluencersService } from '@app/influencers';
import { PortalAuth } from '@app/portal';
import { IdParam } from '../core/id-param';

/** A manager's side of the portal: taking an ambassador's access back. */
@ApiTags('portal')
@Controller('influencers')
export class PortalAdminController {
  constructor(
    private readonly auth: PortalAuth,
    private readonly influencers: InfluencersService,
  ) {}

  @Delete(':id/portal-sessions')
  @HttpCode(204)
  @ApiOperation({ summary: 'Signs the influencer out of every portal session (a lost phone, a shared laptop, a relationship ended)' })
  @ApiNoContentResponse({ description: 'Every portal session of the influencer ended' })
  async revokeAll(@IdParam() id: string): Promise<void> {
    await this.influencers.get(id);
    await this.auth.revokeAll(RequestContext.workspaceId(), id);
  }
}
