import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { NotFoundException, RequestContext, Role, roleAtLeast } from '@app/common';
import { ScopedRepository } from '@app/database';
import { ApiKey } from '../entities/api-key.entity';
import { WorkspacesErrorCode, WorkspacesException } from '../workspaces.exception';
import { generateApiKey } from './api-key-secret';

@Injectable()
export class ApiKeysService {
  private readonly keys: ScopedRepository<ApiKey>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.keys = new ScopedRepository(dataSource, ApiKey, 'API key');
  }

  /** The plain key is returned here and never again: only its hash is stored. */
  async create(name: string, role: Role): Promise<{ apiKey: ApiKey; key: string }> {
    const actor = RequestContext.actor();
    if (!roleAtLeast(actor.role, role)) throw WorkspacesException.forbidden(WorkspacesErrorCode.RoleTooHigh, `You cannot create a key with a role above your own (${actor.role})`);
    const { key, hash, prefix } = generateApiKey();
    const apiKey = await this.keys.save(this.keys.create({ name, role, prefix, keyHash: hash, createdByUserId: actor.userId ?? null }));
    delete (apiKey as Partial<ApiKey>).keyHash;
    return { apiKey, key };
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<void> {
    const result = await this.keys.repo().update(this.keys.where({ id, revokedAt: IsNull() }), { revokedAt: new Date() });
    if (!result.affected) throw new NotFoundException('API key', id);
  }
}
