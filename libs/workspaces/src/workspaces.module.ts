import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { ApiKey } from './entities/api-key.entity';
import { Member } from './entities/member.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';
import { ActorResolver } from './services/actor-resolver.service';
import { ApiKeysService } from './services/api-keys.service';
import { AuthService } from './services/auth.service';
import { MembersService } from './services/members.service';
import { PasswordService } from './services/password.service';
import { TokenService } from './services/token.service';
import { WorkspacesService } from './services/workspaces.service';

const services = [ActorResolver, ApiKeysService, AuthService, MembersService, PasswordService, TokenService, WorkspacesService];

@Module({
  imports: [TypeOrmModule.forFeature([Workspace, User, Member, ApiKey]), ActivityModule],
  providers: services,
  exports: services,
})
export class WorkspacesModule {}
