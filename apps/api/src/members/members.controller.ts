import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@app/common';
import { InvitationsService, MembersService } from '@app/workspaces';
import { IdParam } from '../core/id-param';
import { invitationView } from './invitations.views';
import { memberView } from './members.views';
import { InvitationView } from './invitations.dto';
import { ChangeRoleRequest, InviteMemberRequest, MemberList, MemberView } from './members.dto';

@ApiTags('members')
@RequireRole(Role.Admin)
@Controller('members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Invites an email address with a role: an emailed, single-use link valid INVITATION_TTL_HOURS; they become a member when they accept (docs/api-guide.md)',
  })
  @ApiAcceptedResponse({ type: InvitationView, description: 'The invitation; nothing about any account of that address' })
  async invite(@Body() body: InviteMemberRequest): Promise<InvitationView> {
    return invitationView(this.invitations, await this.invitations.create(body.email, body.role));
  }

  @Get()
  @ApiOperation({ summary: 'Members of the workspace with their roles' })
  @ApiOkResponse({ type: MemberList })
  async list(): Promise<MemberList> {
    return { data: (await this.members.list()).map(memberView), nextCursor: null };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One member' })
  @ApiOkResponse({ type: MemberView })
  async get(@IdParam() id: string): Promise<MemberView> {
    return memberView(await this.members.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Changes a member's role" })
  @ApiOkResponse({ type: MemberView })
  async changeRole(@IdParam() id: string, @Body() body: ChangeRoleRequest): Promise<MemberView> {
    return memberView(await this.members.changeRole(id, body.role));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Removes a member; their access ends on the next request' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; the member loses access at once' })
  remove(@IdParam() id: string): Promise<void> {
    return this.members.remove(id);
  }
}
