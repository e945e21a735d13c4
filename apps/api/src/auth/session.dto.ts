import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { MeResponse } from './auth.dto';

export class SessionResponse extends MeResponse {
  @ApiProperty({ description: 'When the session ends unless the person signs out before' }) expiresAt: Date;
}

export class SwitchWorkspaceRequest {
  @ApiProperty({ format: 'uuid', description: 'A workspace the signed-in user is a member of (GET /v1/me/workspaces)' })
  @IsUUID()
  workspaceId: string;
}

export class MyWorkspace {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['owner', 'admin', 'manager', 'viewer'] }) role: string;
}

export class MyWorkspaceList {
  @ApiProperty({ type: [MyWorkspace] }) data: MyWorkspace[];
}
