import { Module } from '@nestjs/common';
import { WorkspacesModule } from '@app/workspaces';
import { InvitationsController } from './invitations.controller';
import { MembersController } from './members.controller';

@Module({ imports: [WorkspacesModule], controllers: [MembersController, InvitationsController] })
export class MembersApiModule {}
