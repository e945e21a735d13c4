import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FieldError } from '@app/common';
import { ScopedRepository } from '@app/database';
import { recordEvents } from '@app/events';
import { IMPORTED_FIELDS, influencerCreated, influencerUpdated } from '../influencer-events';
import { Influencer } from '../entities/influencer.entity';
import { accountKey, InfluencerInput } from '../influencer-input';
import { handleTakenError, InfluencersException } from '../influencers.exception';
import { tierSql } from '../tier';
import { AccountRow, SocialAccountsWriter } from './social-accounts.writer';
import { lockTierThresholds } from './tier-thresholds';

export interface ImportRow {
  /** Where the row is in the file, as the caller reports it back. */
  row: number;
  input: InfluencerInput & { email: string };
}

export interface ImportRejection {
  row: number;
  errors: FieldError[];
}

export interface ImportResult {
  created: number;
  updated: number;
  rejected: ImportRejection[];
}

/**
 * Bulk upsert by email: set-based SQL whatever the row count, one transaction, per-row rejections.
 * An import adds and updates but never erases: a missing value keeps the stored one, and accounts not in
 * the row are kept (clearing is a PATCH).
 */
@Injectable()
export class InfluencerImportService {
  private readonly influencers: ScopedRepository<Influencer>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: SocialAccountsWriter,
  ) {
    this.influencers = new ScopedRepository(dataSource, Influencer, 'Influencer');
  }

  async execute(rows: ImportRow[]): Promise<ImportResult> {
    const rejected: ImportRejection[] = [];
    const reject = (row: number, errors: FieldError[]) => rejected.push({ row, errors });
    const unique = firstClaimWins(rows, reject);
    const result = await this.dataSource.transaction(async (manager) => {
      const thresholds = await lockTierThresholds(manager, this.influencers.workspaceId());
      const accepted = await this.withoutTakenHandles(manager, unique, reject);
      if (accepted.length === 0) return { created: 0, updated: 0 };
      const upserted = await this.upsertInfluencers(manager, accepted);
      const idOf = new Map(upserted.map((u) => [u.email, u.id]));
      const accounts: AccountRow[] = accepted.flatMap(({ input }) =>
        (input.socialAccounts ?? []).map((a) => ({ ...a, influencerId: idOf.get(input.email.toLowerCase())! })),
      );
      // Handles were checked above; one taken since then by a concurrent write fails the whole import.
      const refused = await this.writer.upsert(manager, accounts, true);
      if (refused.length) throw InfluencersException.handleTaken('socialAccounts', refused[0]);
      // A correlated sub-select per row, not a join: right after a bulk insert the planner's row estimates
      // are stale, and a join it believes tiny became a 50M-comparison nested loop for 10k rows.
      await manager.query(
        `UPDATE influencers i SET (max_followers, tier) = (
           SELECT m.followers, ${tierSql('m.followers', '$3::jsonb')}
             FROM (SELECT coalesce(max(sa.followers), 0) AS followers FROM social_accounts sa WHERE sa.influencer_id = i.id) m)
          WHERE i.workspace_id = $1 AND i.id = ANY($2::uuid[])`,
        [this.influencers.workspaceId(), upserted.map((u) => u.id), JSON.stringify(thresholds)],
      );
      // One statement for the whole file, as the upsert above.
      await recordEvents(
        manager,
        upserted.map((u) => (u.created ? influencerCreated(u.id) : influencerUpdated(u.id, IMPORTED_FIELDS))),
      );
      const created = upserted.filter((u) => u.created).length;
      return { created, updated: upserted.length - created };
    });
    return { ...result, rejected: rejected.sort((a, b) => a.row - b.row) };
  }

  /** A handle already stored for an influencer with another email would move accounts between people. */
  private async withoutTakenHandles(
    manager: EntityManager,
    rows: ImportRow[],
    reject: (row: number, errors: FieldError[]) => void,
  ): Promise<ImportRow[]> {
    const owners = await this.writer.owners(
      manager,
      rows.flatMap((r) => r.input.socialAccounts ?? []),
    );
    return rows.filter(({ row, input }) => {
      const errors = (input.socialAccounts ?? []).flatMap((account, index) => {
        const owner = owners.get(accountKey(account));
        return owner && owner.email !== input.email.toLowerCase() ? [handleTakenError(`socialAccounts[${index}].handle`, account)] : [];
      });
      if (errors.length) reject(row, errors);
      return errors.length === 0;
    });
  }

  private upsertInfluencers(manager: EntityManager, rows: ImportRow[]): Promise<{ id: string; email: string; created: boolean }[]> {
    // Rows go in email order so that two concurrent imports lock shared influencers in the same order.
    const sorted = [...rows].sort((a, b) => (a.input.email.toLowerCase() < b.input.email.toLowerCase() ? -1 : 1));
    const records = sorted.map(({ input }) => ({
      name: input.name,
      email: input.email,
      country: input.country ?? null,
      tags: input.tags ?? [],
      notes: input.notes ?? null,
    }));
    return manager.query(
      `INSERT INTO influencers AS i (workspace_id, name, email, country, tags, notes)
       SELECT $1, t.name, t.email, t.country, t.tags, t.notes
         FROM jsonb_to_recordset($2::jsonb) AS t(name text, email text, country text, tags text[], notes text)
       ON CONFLICT (workspace_id, lower(email)) WHERE email IS NOT NULL DO UPDATE SET name = EXCLUDED.name,
         country = coalesce(EXCLUDED.country, i.country), notes = coalesce(EXCLUDED.notes, i.notes),
         tags = CASE WHEN EXCLUDED.tags = '{}' THEN i.tags ELSE EXCLUDED.tags END, updated_at = now()
       RETURNING i.id, lower(i.email) AS email, (i.xmax = 0) AS created`,
      [this.influencers.workspaceId(), JSON.stringify(records)],
    );
  }
}

/** Within one file the first row to claim an email or a handle wins; later claimants are rejected, not merged. */
function firstClaimWins(rows: ImportRow[], reject: (row: number, errors: FieldError[]) => void): ImportRow[] {
  const claimed = new Map<string, number>();
  return rows.filter(({ row, input }) => {
    const emailKey = `email:${input.email.toLowerCase()}`;
    const accounts = input.socialAccounts ?? [];
    const errors: FieldError[] = [];
    if (claimed.has(emailKey))
      errors.push({
        field: 'email',
        message: `repeats the email of row ${claimed.get(emailKey)}; only the first row with an email is imported`,
      });
    accounts.forEach((account, index) => {
      const first = claimed.get(accountKey(account));
      if (first !== undefined)
        errors.push({ field: `socialAccounts[${index}].handle`, message: `repeats the ${account.platform} handle of row ${first}` });
    });
    if (errors.length) {
      reject(row, errors);
      return false;
    }
    for (const key of [emailKey, ...accounts.map(accountKey)]) claimed.set(key, row);
    return true;
  });
}
