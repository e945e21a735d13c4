import {
  DataSource,
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOptionsRelations,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { NotFoundException, RequestContext } from '@app/common';

/**
 * The one place where workspace scoping happens: every read filters by the current actor's workspace and
 * every write stamps it. Services use this instead of a raw Repository, so forgetting the filter is not
 * possible; another workspace's id simply is not found (404).
 */
export class ScopedRepository<T extends ObjectLiteral & { id: string; workspaceId: string }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
    private readonly label: string,
  ) {}

  workspaceId(): string {
    return RequestContext.workspaceId();
  }

  repo(manager: EntityManager = this.dataSource.manager): Repository<T> {
    return manager.getRepository(this.entity);
  }

  where(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, workspaceId: this.workspaceId() } as FindOptionsWhere<T>;
  }

  find(options: Omit<FindManyOptions<T>, 'where'> & { where?: FindOptionsWhere<T> } = {}, manager?: EntityManager): Promise<T[]> {
    return this.repo(manager).find({ ...options, where: this.where(options.where) });
  }

  findOne(where: FindOptionsWhere<T>, relations?: FindOptionsRelations<T>, manager?: EntityManager): Promise<T | null> {
    return this.repo(manager).findOne({ where: this.where(where), relations });
  }

  async get(id: string, relations?: FindOptionsRelations<T>, manager?: EntityManager): Promise<T> {
    const row = await this.findOne({ id } as FindOptionsWhere<T>, relations, manager);
    if (!row) throw new NotFoundException(this.label, id);
    return row;
  }

  /** Locks the row for the rest of the transaction; use it before a state transition. */
  async getForUpdate(manager: EntityManager, id: string): Promise<T> {
    const row = await this.query('t', manager).andWhere('t.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!row) throw new NotFoundException(this.label, id);
    return row;
  }

  query(alias: string, manager?: EntityManager): SelectQueryBuilder<T> {
    return this.repo(manager).createQueryBuilder(alias).where(`${alias}.workspaceId = :workspaceId`, { workspaceId: this.workspaceId() });
  }

  create(values: DeepPartial<T>, manager?: EntityManager): T {
    return this.repo(manager).create({ ...values, workspaceId: this.workspaceId() } as DeepPartial<T>);
  }

  async save(entity: T, manager?: EntityManager): Promise<T> {
    if (entity.workspaceId !== this.workspaceId()) throw new Error(`Refusing to save a ${this.label} of another workspace`);
    return this.repo(manager).save(entity);
  }

  async remove(id: string, manager?: EntityManager): Promise<void> {
    const result = await this.repo(manager).delete(this.where({ id } as FindOptionsWhere<T>));
    if (!result.affected) throw new NotFoundException(this.label, id);
  }
}
