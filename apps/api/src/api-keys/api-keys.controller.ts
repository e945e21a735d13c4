import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@app/common';
import { ApiKeysService } from '@app/workspaces';
import { IdParam } from '../core/id-param';
import { ApiKeyList, CreateApiKeyRequest, CreatedApiKeyView } from './api-keys.dto';
import { apiKeyView } from './api-keys.views';

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
    return { ...apiKeyView(apiKey), key };
  }

  @Get()
  @ApiOperation({ summary: 'API keys of the workspace, without their secrets' })
  @ApiOkResponse({ type: ApiKeyList })
  async list(): Promise<ApiKeyList> {
    return { data: (await this.apiKeys.list()).map(apiKeyView), nextCursor: null };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revokes an API key; it stops working on the next request' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; the key stops working at once' })
  revoke(@IdParam() id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
