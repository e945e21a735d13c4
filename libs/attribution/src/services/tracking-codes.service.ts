import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, IsNull } from 'typeorm';
import { decodeCursor, NotFoundException, ValidationException } from '@app/common';
import { ScopedRepository } from '@app/database';
import { RelationshipsService } from '@app/relationships';
import { TrackingCode, TrackingCodeKind } from '../entities/tracking-code.entity';

export interface TrackingCodeInput {
  relationshipId: string;
  kind: TrackingCodeKind;
  code: string;
  destinationUrl?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface TrackingCodeFilter {
  relationshipId?: string;
  kind?: TrackingCodeKind;
}

/** A code or link as attribution matches it: lower-cased key, kind, window. */
export interface TrackingCodeMatch {
  id: string;
  relationshipId: string;
  kind: TrackingCodeKind;
  key: string;
  validFrom: Date | null;
  validTo: Date | null;
}

@Injectable()
export class TrackingCodesService {
  private readonly codes: ScopedRepository<TrackingCode>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly relationships: RelationshipsService,
  ) {
    this.codes = new ScopedRepository(dataSource, TrackingCode, 'Tracking code');
  }

  /** uq_tracking_codes_workspace_code decides uniqueness (409), so concurrent creates cannot both win. */
  async create(input: TrackingCodeInput): Promise<TrackingCode> {
    await this.relationships.get(input.relationshipId);
    const validFrom = input.validFrom ? new Date(input.validFrom) : null;
    const validTo = input.validTo ? new Date(input.validTo) : null;
    if (validFrom && validTo && validTo <= validFrom)
      throw new ValidationException([{ field: 'validTo', message: 'must be after validFrom' }]);
    const row = this.codes.create({
      relationshipId: input.relationshipId,
      kind: input.kind,
      code: input.code,
      destinationUrl: input.destinationUrl ?? null,
      validFrom,
      validTo,
      deletedAt: null,
    });
    return this.codes.save(row);
  }

  async get(id: string): Promise<TrackingCode> {
    const row = await this.codes.findOne({ id, deletedAt: IsNull() });
    if (!row) throw new NotFoundException('Tracking code', id);
    return row;
  }

  async list(filter: TrackingCodeFilter, limit: number, cursor?: string): Promise<TrackingCode[]> {
    const after = decodeCursor(cursor);
    const query = this.codes
      .query('t')
      .andWhere('t.deletedAt IS NULL')
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(limit + 1);
    if (after) query.andWhere('(t.createdAt, t.id) < (:createdAt, :id)', after);
    if (filter.relationshipId) query.andWhere('t.relationshipId = :relationshipId', { relationshipId: filter.relationshipId });
    if (filter.kind) query.andWhere('t.kind = :kind', { kind: filter.kind });
    return query.getMany();
  }

  /** Soft delete: the code frees its name for reuse, and past conversions keep their link to it. */
  async remove(id: string): Promise<void> {
    const result = await this.codes.repo().update(this.codes.where({ id, deletedAt: IsNull() }), { deletedAt: () => 'now()' });
    if (!result.affected) throw new NotFoundException('Tracking code', id);
  }

  /** Every live code or link whose key is asked for, in one query for a whole batch. */
  async match(codes: string[], links: string[], manager?: EntityManager): Promise<TrackingCodeMatch[]> {
    if (codes.length === 0 && links.length === 0) return [];
    const rows = await this.codes
      .query('t', manager)
      .andWhere('t.deletedAt IS NULL')
      .andWhere(
        new Brackets((q) =>
          q
            .where(`t.kind = 'code' AND lower(t.code) = ANY(:codes)`, { codes })
            .orWhere(`t.kind = 'link' AND lower(t.code) = ANY(:links)`, { links }),
        ),
      )
      .getMany();
    return rows.map(({ id, relationshipId, kind, code, validFrom, validTo }) => ({
      id,
      relationshipId,
      kind,
      key: code.toLowerCase(),
      validFrom,
      validTo,
    }));
  }
}
