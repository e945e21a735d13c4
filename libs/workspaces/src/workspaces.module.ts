import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { InfluencersModule } from '@app/influencers';
import { NotificationsModule } from '@app/notifications';
import { ApiKey } from './entities/api-key.entity';
import { Invitation } from './entities/invitation.entity';
import { Member } from './entities/member.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';
import { InvitationEmail } from './invitations/invitation.email';
import { ActorCache } from './services/actor-cache';
import { ActorResolver } from './services/actor-resolver.service';
import { ApiKeysService } from './services/api-keys.service';
import { AuthService } from './services/auth.service';
import { InvitationsService } from './services/invitations.service';
import { MembersService } from './services/members.service';
import { PasswordService } from './services/password.service';
import { SessionsService } from './services/sessions.service';
import { TokenService } from './services/token.service';
import { UpdateWorkspaceSettings } from './services/workspace-settings.service';
import { WorkspacesService } from './services/workspaces.service';

const services = [
  ActorCache,
  ActorResolver,
  ApiKeysService,
  AuthService,
  InvitationEmail,
  InvitationsService,
  MembersService,
  PasswordService,
  SessionsService,
  TokenService,
  UpdateWorkspaceSettings,
  WorkspacesService,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([Workspace, User, Member, ApiKey, Invitation]),
    ActivityModule,
    InfluencersModule,
    NotificationsModule,
  ],
  providers: services,
  exports: services,
})
export class WorkspacesModule {}
