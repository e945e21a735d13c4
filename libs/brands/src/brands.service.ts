import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ActivityService, diff } from '@app/activity';
import { decodeCursor, RequestContext } from '@app/common';
import { ScopedRepository } from '@app/database';
import { Brand } from './brand.entity';
import { BrandManager } from './brand-manager.entity';
import { BrandsException } from './brands.exception';

export interface BrandInput {
  name: string;
  currency: string;
  timezone: string;
  fiscalYearStartMonth?: number;
  managerUserIds?: string[];
}

@Injectable()
export class BrandsService {
  private readonly brands: ScopedRepository<Brand>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {
    this.brands = new ScopedRepository(dataSource, Brand, 'Brand');
  }

  async create(input: BrandInput): Promise<Brand> {
    const id = await this.dataSource.transaction(async (manager) => {
      const { managerUserIds, name, currency, timezone, fiscalYearStartMonth = 1 } = input;
      const fields = { name, currency, timezone, fiscalYearStartMonth };
      const brand = await this.brands.save(this.brands.create(fields, manager), manager);
      // The creator manages the brand unless the caller names the managers.
      const creator = RequestContext.actor().userId;
      const managers = await this.setManagers(manager, brand.id, managerUserIds ?? (creator ? [creator] : []));
      await this.activity.record(manager, {
        entityType: 'brand',
        entityId: brand.id,
        action: 'created',
        changes: { ...fields, managerUserIds: managers },
      });
      return brand.id;
    });
    return this.get(id);
  }

  get(id: string): Promise<Brand> {
    return this.brands.get(id, { managers: true });
  }

  async list(limit: number, cursor?: string): Promise<Brand[]> {
    const after = decodeCursor(cursor);
    const query = this.brands
      .query('b')
      .orderBy('b.createdAt', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .take(limit + 1);
    if (after) query.andWhere('(b.createdAt, b.id) < (:createdAt, :id)', after);
    const brands = await query.getMany();
    const managers = brands.length
      ? await this.dataSource.getRepository(BrandManager).find({ where: { brandId: In(brands.map((b) => b.id)) } })
      : [];
    for (const brand of brands) brand.managers = managers.filter((m) => m.brandId === brand.id);
    return brands;
  }

  async update(id: string, input: Partial<BrandInput>): Promise<Brand> {
    await this.dataSource.transaction(async (manager) => {
      const brand = await this.brands.getForUpdate(manager, id);
      const { managerUserIds, ...fields } = input;
      if (fields.currency && fields.currency !== brand.currency && (await this.hasRelationships(manager, id)))
        throw BrandsException.currencyLocked();
      const before = { ...brand, managerUserIds: await this.managerIds(manager, id) };
      await this.brands.save(Object.assign(brand, fields), manager);
      const after = { ...fields, managerUserIds: managerUserIds && (await this.setManagers(manager, id, managerUserIds)) };
      const changes = diff(before, after);
      if (Object.keys(changes).length)
        await this.activity.record(manager, { entityType: 'brand', entityId: id, action: 'updated', changes });
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { name } = await this.brands.getForUpdate(manager, id);
      await this.brands.remove(id, manager);
      await this.activity.record(manager, { entityType: 'brand', entityId: id, action: 'deleted', changes: { name } });
    });
  }

  private async managerIds(manager: EntityManager, brandId: string): Promise<string[]> {
    const rows = await manager.find(BrandManager, { where: { brandId, workspaceId: this.brands.workspaceId() }, select: { userId: true } });
    return rows.map((row) => row.userId).sort();
  }

  /** Managers must be members of the workspace; the set is replaced as a whole. Returns it, sorted. */
  private async setManagers(manager: EntityManager, brandId: string, userIds: string[]): Promise<string[]> {
    const workspaceId = this.brands.workspaceId();
    const unique = [...new Set(userIds)];
    const members: { user_id: string }[] = unique.length
      ? await manager.query('SELECT user_id FROM members WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])', [workspaceId, unique])
      : [];
    const missing = unique.filter((u) => !members.some((m) => m.user_id === u));
    if (missing.length) throw BrandsException.managerNotMember(missing);
    await manager.delete(BrandManager, { brandId, workspaceId });
    if (unique.length)
      await manager.insert(
        BrandManager,
        unique.map((userId) => ({ brandId, userId, workspaceId })),
      );
    return unique.sort();
  }

  private async hasRelationships(manager: EntityManager, brandId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM relationships WHERE brand_id = $1 LIMIT 1', [brandId]);
    return rows.length > 0;
  }
}
