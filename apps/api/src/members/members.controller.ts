import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@app/common';
import { Member, MembersService } from '@app/workspaces';
import { IdParam } from '../core/id-param';
import { ChangeRoleRequest, InviteMemberRequest, MemberList, MemberView } from './members.dto';

const view = (m: Member): MemberView => ({
  id: m.id,
  userId: m.userId,
  email: m.user?.email ?? '',
  name: m.user?.name ?? '',
  role: m.role,
  createdAt: m.createdAt,
});

@ApiTags('members')
@RequireRole(Role.Admin)
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @ApiOperation({ summary: 'Invites a person by email with a role' })
  @ApiCreatedResponse({ type: MemberView })
  async invite(@Body() body: InviteMemberRequest): Promise<MemberView> {
    return view(await this.members.invite(body.email, body.name, body.role));
  }

  @Get()
  @ApiOperation({ summary: 'Members of the workspace with their roles' })
  @ApiOkResponse({ type: MemberList })
  async list(): Promise<MemberList> {
    return { data: (await this.members.list()).map(view), nextCursor: null };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One member' })
  @ApiOkResponse({ type: MemberView })
  async get(@IdParam() id: string): Promise<MemberView> {
    return view(await this.members.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Changes a member's role" })
  @ApiOkResponse({ type: MemberView })
  async changeRole(@IdParam() id: string, @Body() body: ChangeRoleRequest): Promise<MemberView> {
    return view(await this.members.changeRole(id, body.role));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Removes a member; their access ends on the next request' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; the member loses access at once' })
  remove(@IdParam() id: string): Promise<void> {
    return this.members.remove(id);
  }
}
