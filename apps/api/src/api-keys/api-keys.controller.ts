import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@app/common';
import { ApiKey, ApiKeysService } from '@app/workspaces';
import { IdParam } from '../core/id-param';
import { ApiKeyList, ApiKeyView, CreateApiKeyRequest, CreatedApiKeyView } from './api-keys.dto';

const view = (k: ApiKey): ApiKeyView => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
  createdAt: k.createdAt,
});

@ApiTags('api-keys')
@RequireRole(Role.Admin)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Creates an API key with a role; the key is shown once, stored hashed' })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  async create(@Body() body: CreateApiKeyRequest): Promise<CreatedApiKeyView> {
    const { apiKey, key } = await this.apiKeys.create(body.name, body.role);
    return { ...view(apiKey), key };
  }

  @Get()
  @ApiOperation({ summary: 'API keys of the workspace, without their secrets' })
  @ApiOkResponse({ type: ApiKeyList })
  async list(): Promise<ApiKeyList> {
    return { data: (await this.apiKeys.list()).map(view), nextCursor: null };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revokes an API key; it stops working on the next request' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; the key stops working at once' })
  revoke(@IdParam() id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
