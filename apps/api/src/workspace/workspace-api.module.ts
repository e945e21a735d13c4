import { Module } from '@nestjs/common';
import { WorkspacesModule } from '@app/workspaces';
import { WorkspaceController } from './workspace.controller';

@Module({ imports: [WorkspacesModule], controllers: [WorkspaceController] })
export class WorkspaceApiModule {}
