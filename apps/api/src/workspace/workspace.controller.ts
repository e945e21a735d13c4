import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@app/common';
import { UpdateWorkspaceSettings, WorkspacesService } from '@app/workspaces';
import { UpdateWorkspaceRequest, WorkspaceView } from './workspace.dto';
import { workspaceView } from './workspace.views';

@ApiTags('workspace')
@Controller('workspace')
export class WorkspaceController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly updateSettings: UpdateWorkspaceSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The workspace: name, tier thresholds, conversion lock days, EMV rates' })
  @ApiOkResponse({ type: WorkspaceView })
  async get(): Promise<WorkspaceView> {
    return workspaceView(await this.workspaces.current());
  }

  @Patch()
  @ApiOperation({
    summary: 'Changes workspace settings (admin); new tier thresholds re-tier every influencer, new EMV rates recompute the stored EMV',
  })
  @RequireRole(Role.Admin)
  @ApiOkResponse({ type: WorkspaceView })
  async update(@Body() body: UpdateWorkspaceRequest): Promise<WorkspaceView> {
    await this.updateSettings.execute(body);
    return workspaceView(await this.workspaces.current());
  }
}
