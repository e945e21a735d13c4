import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { calendarDateIn, Clock, FieldError, futureError, RequestContext, timeSlices } from '@app/common';
import { ContractsService, TermInForce } from '@app/contracts';
import { AppMetrics } from '@app/metrics';
import { RelationshipBrand, RelationshipsService } from '@app/relationships';
import { DirtyDay, markRollupDirty } from '@app/rollups';
import { attribute, UNATTRIBUTED } from '../attribute';
import { Attribution, ConversionInput, IngestResult } from '../conversion-input';
import { commissionOf, priceConversion } from '../conversion-pricing';
import { ConversionRow, ConversionWriter, keyOf } from '../services/conversion-writer';
import { TrackingCodeMatch, TrackingCodesService } from '../services/tracking-codes.service';

/**
 * Conversion ingest, for one conversion or 5,000: three set-based lookups (codes and links, relationships
 * with their brands, terms in force), exact money math, then one multi-row INSERT per 5,000 rows
 * (a key already stored skips its row), the rollup marks, and for keys already stored one comparison of their values, in one transaction. Inputs are shape-valid (DTO); the business rules
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
    private readonly clock: Clock,
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
    const now = this.clock.now();
    const codes = await this.codesOf(inputs, manager);
    const attributed = inputs.map((input) => attribute(input, codes));
    // Per relationship: its brand, and the days its rows fall on with the term in force on each. One map
    // lookup per row instead of one per step (a per-row spread and repeated lookups profiled as the dearest lines).
    const relationships = new Map<string, { brand: RelationshipBrand; terms: Map<string, TermInForce | undefined> } | undefined>();
    for (const outcome of attributed) if (!isError(outcome) && outcome.relationshipId) relationships.set(outcome.relationshipId, undefined);
    for (const brand of await this.relationships.brandsOf([...relationships.keys()], manager))
      relationships.set(brand.relationshipId, { brand, terms: new Map() });

    // One object per row, completed in place once its term is known. Pricing and calendar days of 5,000 rows
    // take a while: the loop lets other requests in every few milliseconds.
    const rows: ConversionRow[] = [];
    const termsOfRow: (Map<string, TermInForce | undefined> | undefined)[] = [];
    const slice = timeSlices();
    for (let index = 0; index < inputs.length; index++) {
      await slice();
      const input = inputs[index];
      const outcome = attributed[index];
      const attribution = isError(outcome) ? UNATTRIBUTED : outcome;
      const relationship = attribution.relationshipId ? relationships.get(attribution.relationshipId) : undefined;
      const failed = isError(outcome)
        ? outcome
        : attribution.relationshipId && !relationship
          ? { field: 'relationshipId', message: 'was not found' }
          : undefined;
      const { errors: moneyErrors, amounts } = priceConversion(input, relationship?.brand.currency ?? null);
      const ahead = futureError('occurredAt', new Date(input.occurredAt), now);
      if (failed || ahead || !amounts) {
        rejected.push({ index, errors: [...(ahead ? [ahead] : []), ...(failed ? [failed] : []), ...moneyErrors] });
        continue;
      }
      const day = relationship ? calendarDateIn(new Date(input.occurredAt), relationship.brand.timezone) : null;
      if (day) relationship!.terms.set(day, undefined);
      rows.push({
        index,
        input,
        key: keyOf(input),
        attribution,
        amounts,
        day,
        contractId: null,
        commissionRate: null,
        commissionAmount: '0',
      });
      termsOfRow.push(relationship?.terms);
    }

    const pairs: { relationshipId: string; day: string }[] = [];
    for (const [relationshipId, relationship] of relationships)
      for (const day of relationship?.terms.keys() ?? []) pairs.push({ relationshipId, day });
    for (const term of await this.contracts.inForce(pairs, manager)) relationships.get(term.relationshipId)?.terms.set(term.day, term);
    rows.forEach((row, i) => {
      const term = row.day ? termsOfRow[i]!.get(row.day) : undefined;
      // No term in force: still revenue of the relationship, but no commission is owed.
      if (!term) return;
      row.contractId = term.contractId;
      row.commissionRate = term.commissionRate;
      row.commissionAmount = commissionOf(row.amounts.netAmount, term.commissionRate);
    });

    const workspaceId = RequestContext.workspaceId();
    const ids = await this.writer.insert(manager, workspaceId, rows);
    const inserted: IngestResult['inserted'] = [];
    const repeats: ConversionRow[] = [];
    const marks: DirtyDay[] = [];
    for (const row of rows) {
      const id = ids.get(row.key);
      // The same key twice in one batch: the first takes the id (the insert), the repeat is compared with it.
      if (id === undefined) {
        repeats.push(row);
        continue;
      }
      ids.delete(row.key);
      inserted.push({ index: row.index, id });
      if (row.day) marks.push({ relationshipId: row.attribution.relationshipId!, day: row.day });
    }
    await markRollupDirty(manager, marks);
    // A second statement only when something was already there: a batch of new orders costs nothing more.
    const differences = repeats.length ? await this.writer.differences(manager, workspaceId, repeats) : [];
    const duplicates: number[] = [];
    const conflicts: IngestResult['conflicts'] = [];
    repeats.forEach((row, i) => {
      const fields = differences[i].map((field) => (field === 'attribution' ? attributionField(row.input) : field));
      if (fields.length) conflicts.push({ index: row.index, fields });
      else duplicates.push(row.index);
    });
    // In input order already: rows were visited by index.
    return { inserted, duplicates, conflicts, rejected };
  }

  /** The live codes and links the unattributed inputs name, keyed `kind:lowercased` (one set-based lookup). */
  private async codesOf(inputs: ConversionInput[], manager: EntityManager): Promise<Map<string, TrackingCodeMatch>> {
    const codes = new Set<string>();
    const links = new Set<string>();
    for (const input of inputs) {
      if (input.relationshipId) continue;
      if (input.code !== undefined) codes.add(input.code.toLowerCase());
      else if (input.link !== undefined) links.add(input.link.toLowerCase());
    }
    const matches = await this.trackingCodes.match([...codes], [...links], manager);
    return new Map(matches.map((c) => [`${c.kind}:${c.key}`, c]));
  }
}

/** The input field that chose the attribution, to name in a conflict. */
const attributionField = (input: ConversionInput): string =>
  input.relationshipId ? 'relationshipId' : input.code !== undefined ? 'code' : input.link !== undefined ? 'link' : 'relationshipId';

const isError = (attributed: Attribution | FieldError): attributed is FieldError => 'field' in attributed;
