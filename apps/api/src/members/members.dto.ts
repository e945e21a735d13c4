import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsEnum, MaxLength } from 'class-validator';
import { Role } from '@app/common';
import { Trim } from '../core/transforms';
import { oneOf } from '../core/validators';

const roles = Object.values(Role);

export class InviteMemberRequest {
  @ApiProperty()
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: roles })
  @IsEnum(Role, oneOf(roles))
  role: Role;
}

export class ChangeRoleRequest {
  @ApiProperty({ enum: roles })
  @IsEnum(Role, oneOf(roles))
  role: Role;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: roles }) role: Role;
  @ApiProperty() createdAt: Date;
}

export class MemberList {
  @ApiProperty({ type: [MemberView] }) data: MemberView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: null;
}
