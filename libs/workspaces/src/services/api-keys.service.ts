import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ActivityService } from '@app/activity';
import { NotFoundException, RequestContext, Role, roleAtLeast } from '@app/common';
import { ScopedRepository } from '@app/database';
import { AppConfig } from '@app/config';
import { ApiKey } from '../entities/api-key.entity';
import { Workspace } from '../entities/workspace.entity';
import { WorkspacesErrorCode, WorkspacesException } from '../workspaces.exception';
import { generateApiKey } from './api-key-secret';

@Injectable()
export class ApiKeysService {
  private readonly keys: ScopedRepository<ApiKey>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly config: AppConfig,
  ) {
    this.keys = new ScopedRepository(dataSource, ApiKey, 'API key');
  }

  /**
   * The plain key is returned here and never again: only its hash is stored. At most
   * MAX_API_KEYS_PER_WORKSPACE unrevoked keys: counted under a lock on the workspace row, so parallel
   * creations cannot pass the count together.
   */
  async create(name: string, role: Role): Promise<{ apiKey: ApiKey; key: string }> {
    const actor = RequestContext.actor();
    if (!roleAtLeast(actor.role, role))
      throw WorkspacesException.forbidden(
        WorkspacesErrorCode.RoleTooHigh,
        `You cannot create a key with a role above your own (${actor.role})`,
      );
    const { key, hash, prefix } = generateApiKey();
    const apiKey = await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(Workspace)
        .createQueryBuilder('w')
        .setLock('pessimistic_write')
        .where('w.id = :id', { id: actor.workspaceId })
        .getOne();
      const live = await this.keys.repo(manager).count({ where: this.keys.where({ revokedAt: IsNull() }) });
      if (live >= this.config.MAX_API_KEYS_PER_WORKSPACE) throw WorkspacesException.tooManyApiKeys(this.config.MAX_API_KEYS_PER_WORKSPACE);
      const created = await this.keys.save(
        this.keys.create({ name, role, prefix, keyHash: hash, createdByUserId: actor.userId ?? null }, manager),
        manager,
      );
      await this.activity.record(manager, {
        entityType: 'api_key',
        entityId: created.id,
        action: 'created',
        changes: { name, role, prefix },
      });
      return created;
    });
    delete (apiKey as Partial<ApiKey>).keyHash;
    return { apiKey, key };
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const key = await this.keys.findOne({ id, revokedAt: IsNull() }, undefined, manager);
      const result = await this.keys.repo(manager).update(this.keys.where({ id, revokedAt: IsNull() }), { revokedAt: new Date() });
      if (!key || !result.affected) throw new NotFoundException('API key', id);
      await this.activity.record(manager, {
        entityType: 'api_key',
        entityId: id,
        action: 'revoked',
        changes: { name: key.name, role: key.role, prefix: key.prefix },
      });
    });
  }
}
