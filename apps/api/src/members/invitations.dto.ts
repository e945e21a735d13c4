import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '@app/common';
import { WorkspaceView } from '../workspace/workspace.dto';
import { MemberView } from './members.dto';

const roles = Object.values(Role);

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The invited address, as the admin typed it' }) email: string;
  @ApiProperty({ enum: roles }) role: Role;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) status: string;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) invitedByUserId: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'Set once accepted' }) acceptedByUserId: string | null;
  @ApiProperty() createdAt: Date;
}

export class InvitationList {
  @ApiProperty({ type: [InvitationView] }) data: InvitationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: null;
}

export class AcceptInvitationRequest {
  @ApiProperty({ description: 'The token of the invitation email (the `token` parameter of its link)' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  token: string;
}

export class InvitationLinkQuery {
  @ApiProperty({ description: 'The token of the invitation email' }) @IsString() @MaxLength(1024) token: string;
}

export class InvitationPreview {
  @ApiProperty({ description: 'The inviting workspace' }) workspaceName: string;
  @ApiProperty({ enum: roles }) role: Role;
  @ApiProperty({ description: 'The invited address: the account that joins must have it' }) email: string;
  @ApiProperty() expiresAt: Date;
}

export class AcceptedInvitation {
  @ApiProperty({ description: 'An access token for the workspace just joined' }) accessToken: string;
  @ApiProperty({ type: WorkspaceView }) workspace: WorkspaceView;
  @ApiProperty({ type: MemberView }) member: MemberView;
}
