import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { markRollupDirty } from '@app/database';
import { calendarDateIn, FieldError, RequestContext } from '@app/common';
import { ContractsService, TermInForce } from '@app/contracts';
import { AppMetrics } from '@app/metrics';
import { RelationshipBrand, RelationshipsService } from '@app/relationships';
import { attribute } from '../attribute';
import { ConversionInput, IngestResult } from '../conversion-input';
import { commissionOf, priceConversion } from '../conversion-pricing';
import { ConversionRow, ConversionWriter, keyOf } from '../services/conversion-writer';
import { TrackingCodesService } from '../services/tracking-codes.service';

const unique = <T>(values: T[]) => [...new Set(values)];

/**
 * Conversion ingest, for one conversion or 5,000: three set-based lookups (codes and links, relationships
 * with their brands, terms in force), exact money math, then one multi-row INSERT ... ON CONFLICT DO NOTHING
 * per 5,000 rows and the rollup marks, in one transaction. Inputs are shape-valid (DTO); the business rules
 * answer per row, and valid rows are kept when others are rejected.
 */
@Injectable()
export class IngestConversions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trackingCodes: TrackingCodesService,
    private readonly relationships: RelationshipsService,
    private readonly contracts: ContractsService,
    private readonly writer: ConversionWriter,
    private readonly metrics: AppMetrics,
  ) {}

  /**
   * `manager`: join the caller's transaction (the Shopify webhook records its delivery in the same one).
   * Inserted rows are counted once the transaction is done; in a caller's, when this part of it is.
   */
  async execute(inputs: ConversionInput[], manager?: EntityManager): Promise<IngestResult> {
    const result = await (manager ? this.run(manager, inputs) : this.dataSource.transaction((m) => this.run(m, inputs)));
    const bySource = new Map<string, number>();
    for (const { index } of result.inserted) bySource.set(inputs[index].source, (bySource.get(inputs[index].source) ?? 0) + 1);
    for (const [source, count] of bySource) this.metrics.conversionsIngested.inc({ source }, count);
    return result;
  }

  private async run(manager: EntityManager, inputs: ConversionInput[]): Promise<IngestResult> {
    const rejected: IngestResult['rejected'] = [];
    const reject = (index: number, errors: FieldError[]) => rejected.push({ index, errors });

    const codes = await this.trackingCodes.match(
      unique(inputs.filter((i) => !i.relationshipId && i.code !== undefined).map((i) => i.code!.toLowerCase())),
      unique(inputs.filter((i) => !i.relationshipId && i.code === undefined && i.link !== undefined).map((i) => i.link!.toLowerCase())),
      manager,
    );
    const codeByKey = new Map(codes.map((c) => [`${c.kind}:${c.key}`, c]));
    const attributed = inputs.map((input, index) => {
      const { attribution, errors } = attribute(input, codeByKey);
      return { index, input, attribution, errors };
    });

    const brands = await this.relationships.brandsOf(unique(attributed.flatMap((a) => (a.attribution.relationshipId ? [a.attribution.relationshipId] : []))), manager);
    const brandOf = new Map<string, RelationshipBrand>(brands.map((b) => [b.relationshipId, b]));

    const priced: Omit<ConversionRow, 'contractId' | 'commissionRate' | 'commissionAmount'>[] = [];
    for (const { index, input, attribution, errors } of attributed) {
      const brand = attribution.relationshipId ? brandOf.get(attribution.relationshipId) : undefined;
      if (attribution.relationshipId && !brand) errors.push({ field: 'relationshipId', message: 'was not found' });
      const { errors: moneyErrors, amounts } = priceConversion(input, brand?.currency ?? null);
      if (errors.length || !amounts) {
        reject(index, [...errors, ...moneyErrors]);
        continue;
      }
      priced.push({ index, input, attribution, amounts, day: brand ? calendarDateIn(new Date(input.occurredAt), brand.timezone) : null });
    }

    const terms = await this.contracts.inForce(unique(priced.flatMap((p) => (p.day ? [`${p.attribution.relationshipId}|${p.day}`] : []))).map(splitKey), manager);
    const termOf = new Map<string, TermInForce>(terms.map((t) => [`${t.relationshipId}|${t.day}`, t]));
    const rows: ConversionRow[] = priced.map(({ index, input, attribution, amounts, day }) => {
      const term = day ? termOf.get(`${attribution.relationshipId}|${day}`) : undefined;
      // No term in force: still revenue of the relationship, but no commission is owed. Fields spelled out:
      // `{ ...p }` per row profiled as the dearest line of the batch route.
      const commissionAmount = term ? commissionOf(amounts.netAmount, term.commissionRate) : '0';
      return { index, input, attribution, amounts, day, contractId: term?.contractId ?? null, commissionRate: term?.commissionRate ?? null, commissionAmount };
    });

    const ids = await this.writer.insert(manager, RequestContext.workspaceId(), rows);
    const inserted: IngestResult['inserted'] = [];
    const duplicates: number[] = [];
    const claimed = new Set<string>();
    for (const row of rows) {
      const key = keyOf(row.input);
      const id = ids.get(key);
      // The same key twice in one batch: the first is the insert, the repeat a duplicate.
      if (id && !claimed.has(key)) {
        claimed.add(key);
        inserted.push({ index: row.index, id });
      } else duplicates.push(row.index);
    }
    const insertedIndexes = new Set(inserted.map((i) => i.index));
    await markRollupDirty(manager, rows.filter((r) => insertedIndexes.has(r.index) && r.day).map((r) => ({ relationshipId: r.attribution.relationshipId!, day: r.day! })));
    return { inserted, duplicates, rejected: rejected.sort((a, b) => a.index - b.index) };
  }
}

function splitKey(key: string): { relationshipId: string; day: string } {
  const [relationshipId, day] = key.split('|');
  return { relationshipId, day };
}
