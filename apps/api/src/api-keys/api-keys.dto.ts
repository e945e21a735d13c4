import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '@app/common';
import { Trim } from '../core/transforms';
import { oneOf } from '../core/validators';

const keyRoles = [Role.Admin, Role.Manager, Role.Viewer] as const;

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'Shopify sync' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: keyRoles })
  @IsEnum(keyRoles, oneOf(keyRoles))
  role: Role;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: keyRoles }) role: Role;
  @ApiProperty({ description: 'First characters of the key' }) prefix: string;
  @ApiProperty({ nullable: true }) lastUsedAt: Date | null;
  @ApiProperty({ nullable: true }) revokedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself; shown once, store it now' }) key: string;
}

export class ApiKeyList {
  @ApiProperty({ type: [ApiKeyView] }) data: ApiKeyView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: null;
}
