import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ACTIVITY_ENTITY_TYPES, ActivityEntityType } from '@app/activity';
import { PageQuery } from '@app/common';
import { oneOf, Timestamp } from '../core/validators';

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_ENTITY_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_ENTITY_TYPES, oneOf(ACTIVITY_ENTITY_TYPES))
  entityType?: ActivityEntityType;
  @ApiPropertyOptional({ format: 'uuid', description: 'One member, key, brand, contract...' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  entityId?: string;

  @ApiPropertyOptional({
    example: 'role_changed',
    description:
      'created, updated, deleted, added, removed, role_changed, revoked, settings_updated, webhook_secret_set, webhook_secret_rotated, activated, renewed, terminated, auto_renew_cancelled, rolled_over...',
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'must be an action name: lower-case letters and underscores' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Changes made by this user' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actorUserId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Changes made with this API key' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actorApiKeyId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'createdAt >= from' }) @IsOptional() @Timestamp() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'createdAt < to' }) @IsOptional() @Timestamp() to?: string;
}

const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;

export class AuditActorView {
  @ApiProperty({ enum: ACTOR_TYPES, description: 'system: the worker (rollover, missed deliverables...)' })
  type: (typeof ACTOR_TYPES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user or API key id' }) id: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The user's or the key's name" }) name: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The user's email" }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The key's first characters" }) keyPrefix: string | null;
}

export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACTIVITY_ENTITY_TYPES }) entityType: ActivityEntityType;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) relationshipId: string | null;
  @ApiProperty({ example: 'role_changed' }) action: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { role: { from: 'viewer', to: 'manager' } },
    description: '{field: {from, to}} for changes, the salient values otherwise; secrets show as "[redacted]"',
  })
  changes: Record<string, unknown>;
  @ApiProperty({ type: AuditActorView }) actor: AuditActorView;
  @ApiProperty() createdAt: Date;
}

export class AuditEntryList {
  @ApiProperty({ type: [AuditEntryView] }) data: AuditEntryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
