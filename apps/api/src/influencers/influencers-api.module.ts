import { Module } from '@nestjs/common';
import { InfluencersModule } from '@app/influencers';
import { WorkspacesModule } from '@app/workspaces';
import { WorkspaceController } from '../workspace/workspace.controller';
import { InfluencersController } from './influencers.controller';

/** The workspace settings route lives here because changing tier thresholds re-tiers influencers. */
@Module({ imports: [InfluencersModule, WorkspacesModule], controllers: [InfluencersController, WorkspaceController] })
export class InfluencersApiModule {}
