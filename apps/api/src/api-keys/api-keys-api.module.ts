import { Module } from '@nestjs/common';
import { WorkspacesModule } from '@app/workspaces';
import { ApiKeysController } from './api-keys.controller';

@Module({ imports: [WorkspacesModule], controllers: [ApiKeysController] })
export class ApiKeysApiModule {}
