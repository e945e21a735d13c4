import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Trim } from '../core/transforms';
import { OptionalToken } from '../core/validators';
import { WorkspaceView } from '../workspace/workspace.dto';

export class SignupRequest {
  @ApiPropertyOptional({ example: 'Acme Agency', description: 'Required without inviteToken: the new workspace, whose owner you become' })
  @ValidateIf((o: SignupRequest) => o.inviteToken === undefined)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  workspaceName?: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'ada@example.com' })
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200, description: 'Every character counts, spaces included; not only spaces' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  @Matches(/\S/, { message: 'must not be blank' })
  password: string;

  @ApiPropertyOptional({
    description: 'From an invitation email: join that workspace (email must be the invited address) instead of creating one',
  })
  @OptionalToken()
  inviteToken?: string;
}

export class LoginRequest {
  @ApiProperty()
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ description: 'Which workspace to enter when the user belongs to several' })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;

  @ApiPropertyOptional({ description: 'From an invitation email: accept it and enter that workspace' })
  @OptionalToken()
  inviteToken?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: Date;
}

export class AccessTokenResponse {
  @ApiProperty() accessToken: string;
}

export class SignupResponse extends AccessTokenResponse {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: WorkspaceView }) workspace: WorkspaceView;
}

export class MeResponse {
  @ApiProperty({ type: UserView, nullable: true }) user: UserView | null;
  @ApiProperty({ type: WorkspaceView }) workspace: WorkspaceView;
  @ApiProperty({ enum: ['owner', 'admin', 'manager', 'viewer'] }) role: string;
  @ApiPropertyOptional({ description: 'Set when the caller authenticated with an API key', nullable: true }) apiKey: {
    id: string;
    name: string;
  } | null;
}
