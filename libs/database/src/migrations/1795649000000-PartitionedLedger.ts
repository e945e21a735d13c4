import { MigrationInterface, QueryRunner } from 'typeorm';

/** Months created ahead of the current one (UTC) here and by the ledger.partitions job (LEDGER_MONTHS_AHEAD). */
const AHEAD = 3;

const COST_KINDS_PAYABLE = `'retainer','deliverable_fee','commission','bonus','adjustment'`;

interface Ledger {
  table: 'conversions' | 'cost_entries' | 'relationship_daily_stats';
  /** The partition key; a timestamptz is cut at UTC midnight of the 1st. */
  key: string;
  /** Both directions: the same names and definitions as before the change (frozen here). */
  indexes: string[];
  foreignKeys: string[];
  triggers: string[];
}

const monthlyStatsTriggers = [
  `CREATE TRIGGER tr_relationship_daily_stats_insert AFTER INSERT ON relationship_daily_stats
     REFERENCING NEW TABLE AS arrived FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_apply()`,
  `CREATE TRIGGER tr_relationship_daily_stats_update AFTER UPDATE ON relationship_daily_stats
     REFERENCING OLD TABLE AS departed NEW TABLE AS arrived FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_apply()`,
  `CREATE TRIGGER tr_relationship_daily_stats_delete AFTER DELETE ON relationship_daily_stats
     REFERENCING OLD TABLE AS departed FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_apply()`,
  `CREATE TRIGGER tr_relationship_daily_stats_truncate AFTER TRUNCATE ON relationship_daily_stats
     FOR EACH STATEMENT EXECUTE FUNCTION relationship_monthly_stats_truncate()`,
];

const fk = (table: string, column: string, target: string, action: string) =>
  `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_fkey FOREIGN KEY (${column}) REFERENCES ${target}(id) ON DELETE ${action}`;

const LEDGERS: Ledger[] = [
  {
    table: 'conversions',
    key: 'occurred_at',
    indexes: [
      `CREATE INDEX ix_conversions_relationship_occurred ON conversions (relationship_id, occurred_at)`,
      `CREATE INDEX ix_conversions_workspace_occurred ON conversions (workspace_id, occurred_at DESC, id DESC)`,
      `CREATE INDEX ix_conversions_pending ON conversions (occurred_at) WHERE status = 'pending'`,
      `CREATE INDEX ix_conversions_voided ON conversions (id) WHERE status = 'voided'`,
    ],
    foreignKeys: [
      fk('conversions', 'workspace_id', 'workspaces', 'CASCADE'),
      fk('conversions', 'relationship_id', 'relationships', 'RESTRICT'),
      fk('conversions', 'contract_id', 'contracts', 'RESTRICT'),
      fk('conversions', 'tracking_code_id', 'tracking_codes', 'SET NULL'),
      fk('conversions', 'voided_by_user_id', 'users', 'SET NULL'),
      fk('conversions', 'voided_by_api_key_id', 'api_keys', 'SET NULL'),
    ],
    triggers: [],
  },
  {
    table: 'cost_entries',
    key: 'incurred_on',
    indexes: [
      `CREATE UNIQUE INDEX uq_cost_entries_accrual ON cost_entries (contract_id, kind, incurred_on) WHERE kind = 'retainer'`,
      `CREATE INDEX ix_cost_entries_relationship_day ON cost_entries (relationship_id, incurred_on)`,
      `CREATE INDEX ix_cost_entries_payable ON cost_entries (workspace_id, relationship_id, incurred_on) WHERE kind IN (${COST_KINDS_PAYABLE})`,
    ],
    foreignKeys: [
      fk('cost_entries', 'workspace_id', 'workspaces', 'CASCADE'),
      fk('cost_entries', 'relationship_id', 'relationships', 'RESTRICT'),
      fk('cost_entries', 'contract_id', 'contracts', 'RESTRICT'),
      fk('cost_entries', 'created_by_user_id', 'users', 'SET NULL'),
    ],
    triggers: [],
  },
  {
    table: 'relationship_daily_stats',
    key: 'day',
    indexes: [
      `ALTER TABLE relationship_daily_stats ADD CONSTRAINT pk_relationship_daily_stats PRIMARY KEY (relationship_id, day)`,
      `CREATE INDEX ix_relationship_daily_stats_workspace_day ON relationship_daily_stats (workspace_id, day)`,
    ],
    foreignKeys: [
      fk('relationship_daily_stats', 'workspace_id', 'workspaces', 'CASCADE'),
      fk('relationship_daily_stats', 'relationship_id', 'relationships', 'CASCADE'),
    ],
    triggers: monthlyStatsTriggers,
  },
];

/**
 * Creates one month's partition of a ledger table (no-op, NULL, when it exists; else the rows moved). Rows of
 * that month already in the DEFAULT partition (a date beyond the months created ahead) would make the CREATE
 * fail, so they leave through the parent and come back once the month exists, in this transaction, with
 * writes to the table blocked: the dedup claims stay (acrm.ledger_moving tells their triggers), foreign keys
 * into the table are deferrable and checked at the end, the monthly stats net to zero.
 */
export const PARTITION_CREATE = `
DECLARE
  part text := format('%s_p%s', parent, to_char(month, 'YYYY_MM'));
  key text := CASE parent WHEN 'conversions' THEN 'occurred_at' WHEN 'cost_entries' THEN 'incurred_on' WHEN 'relationship_daily_stats' THEN 'day' END;
  next date := (month + interval '1 month')::date;
  lo text := quote_literal(CASE WHEN parent = 'conversions' THEN month || ' 00:00:00+00' ELSE month::text END);
  hi text := quote_literal(CASE WHEN parent = 'conversions' THEN next || ' 00:00:00+00' ELSE next::text END);
  range text := format('%I >= %s AND %I < %s', key, lo, key, hi);
  waiting bigint;
BEGIN
  IF key IS NULL OR month <> date_trunc('month', month) THEN RAISE EXCEPTION 'no monthly partition % of %', month, parent; END IF;
  IF to_regclass(part) IS NOT NULL THEN RETURN NULL; END IF;
  EXECUTE format('SELECT count(*) FROM %I WHERE %s', parent || '_default', range) INTO waiting;
  IF waiting > 0 THEN
    EXECUTE format('LOCK TABLE %I IN EXCLUSIVE MODE', parent);
    PERFORM set_config('acrm.ledger_moving', 'on', true);
    SET CONSTRAINTS ALL DEFERRED;
    EXECUTE format('CREATE TEMP TABLE ledger_moving (LIKE %I) ON COMMIT DROP', parent);
    EXECUTE format('WITH gone AS (DELETE FROM %I WHERE %s RETURNING *) INSERT INTO ledger_moving SELECT * FROM gone', parent, range);
    GET DIAGNOSTICS waiting = ROW_COUNT;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)', part, parent, lo, hi);
  IF waiting > 0 THEN
    EXECUTE format('INSERT INTO %I SELECT * FROM ledger_moving', parent);
    DROP TABLE ledger_moving;
    SET CONSTRAINTS ALL IMMEDIATE;
    PERFORM set_config('acrm.ledger_moving', 'off', true);
  END IF;
  RETURN waiting;
END`;

/**
 * The job's statement: for each table, this month and `ahead` more, and every month with rows waiting in the
 * DEFAULT partition (a backdated import, a date beyond the months ahead), whose rows then move into their own.
 * One run at a time per database (advisory lock); a month that exists is skipped.
 */
const PARTITIONS_ENSURE = `
DECLARE
  t text;
  m date;
  current date := date_trunc('month', now() AT TIME ZONE 'UTC');
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('ledger_partitions_ensure'));
  FOR t IN SELECT unnest(ARRAY['conversions', 'cost_entries', 'relationship_daily_stats']) LOOP
    FOR m IN EXECUTE format(
      'SELECT generate_series($1, $1 + make_interval(months => $2), interval ''1 month'')::date
       UNION SELECT DISTINCT date_trunc(''month'', %s)::date FROM %I ORDER BY 1',
      CASE t WHEN 'conversions' THEN 'occurred_at AT TIME ZONE ''UTC''' WHEN 'cost_entries' THEN 'incurred_on' ELSE 'day' END,
      t || '_default'
    ) USING current, ahead LOOP
      moved := ledger_partition_create(t, m);
      IF moved IS NOT NULL THEN
        parent := t;
        month := m;
        RETURN NEXT;
      END IF;
    END LOOP;
  END LOOP;
END`;

/**
 * The claim of a dedup key that cannot be a unique index of a partitioned table (it lacks the month): a row
 * whose key is taken by another row is skipped, as ON CONFLICT DO NOTHING did with the old unique index
 * (a concurrent claim waits for the other transaction, as the index did). The row's own claim (a row moved
 * to another month's partition, or by ledger_partition_create) follows it.
 */
export const claimFunction = (name: string, claims: string, key: string[], id: string, at: string) => `
  CREATE FUNCTION ${name}_claim() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF current_setting('acrm.ledger_moving', true) = 'on' THEN RETURN NEW; END IF;
    INSERT INTO ${claims} (${key.join(', ')}, ${id}, ${at}) VALUES (${key.map((c) => `NEW.${c}`).join(', ')}, NEW.id, NEW.${at})
      ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${at} = EXCLUDED.${at} WHERE ${claims}.${id} = EXCLUDED.${id};
    IF FOUND THEN RETURN NEW; END IF;
    RETURN NULL;
  END
  $fn$;
  CREATE FUNCTION ${name}_release() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF current_setting('acrm.ledger_moving', true) = 'on' THEN RETURN NULL; END IF;
    DELETE FROM ${claims} WHERE ${id} = OLD.id AND ${at} = OLD.${at};
    RETURN NULL;
  END
  $fn$;
  CREATE FUNCTION ${name}_follow() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF (${key.map((c) => `NEW.${c}`).join(', ')}) IS DISTINCT FROM (${key.map((c) => `OLD.${c}`).join(', ')}) THEN
      RAISE EXCEPTION 'the dedup key (${key.join(', ')}) of a ledger row never changes' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE ${claims} SET ${at} = NEW.${at} WHERE ${id} = NEW.id;
    RETURN NULL;
  END
  $fn$;`;

/** The claim on insert, its release on delete (when the row has a key), and the follow on an update of the key's columns. */
export const claimTriggers = (table: string, keyed: string, updated: string[]) => `
  CREATE TRIGGER tr_${table}_claim BEFORE INSERT ON ${table} FOR EACH ROW ${keyed ? `WHEN (NEW.${keyed})` : ''} EXECUTE FUNCTION ${table}_claim();
  CREATE TRIGGER tr_${table}_release AFTER DELETE ON ${table} FOR EACH ROW ${keyed ? `WHEN (OLD.${keyed})` : ''} EXECUTE FUNCTION ${table}_release();
  CREATE TRIGGER tr_${table}_follow AFTER UPDATE OF ${updated.join(', ')} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_follow();`;

/**
 * Issue 22 item 3: conversions, cost_entries and relationship_daily_stats partitioned by month (native
 * declarative partitioning, docs/scaling.md), converted in place with their rows, ids, indexes, foreign keys and
 * triggers. Partitions exist from the oldest month with rows to AHEAD months past the current one; a DEFAULT
 * partition takes any other date, so no insert ever fails; the daily ledger.partitions job keeps months ahead
 * and gives each month found in the DEFAULT partition its own, moving its rows there.
 *
 * Keys: a unique index of a partitioned table must contain the partition key.
 * - relationship_daily_stats (relationship_id, day) and uq_cost_entries_accrual (contract_id, kind, incurred_on)
 *   contain it: unchanged, and their ON CONFLICT targets still infer them.
 * - The primary keys become (id, occurred_at) and (id, incurred_on); ids stay unique (gen_random_uuid).
 * - The dedup keys do not contain the month (one order may be sent again with another date), so each lives in a
 *   small unpartitioned claim table kept by triggers: conversion_keys (workspace_id, source, external_id) and
 *   cost_entry_sources (kind, source_id), each with the row's id and partition key. A taken key skips the
 *   row as ON CONFLICT DO NOTHING did, so writers need no conflict target on those keys.
 * - conversion_reversals references conversion_keys(conversion_id) (deleting a conversion releases its key,
 *   which cascades to its reversals, as before); payout_entries references cost_entries by
 *   (cost_entry_id, incurred_on), NO ACTION DEFERRABLE (RESTRICT cannot be deferred, which a month's move needs).
 */
export class PartitionedLedger1795649000000 implements MigrationInterface {
  name = 'PartitionedLedger1795649000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conversion_reversals DROP CONSTRAINT conversion_reversals_conversion_id_fkey;
      ALTER TABLE payout_entries DROP CONSTRAINT payout_entries_cost_entry_id_fkey;
      CREATE FUNCTION ledger_partition_create(parent text, month date) RETURNS bigint LANGUAGE plpgsql AS $fn$${PARTITION_CREATE}$fn$;
      CREATE FUNCTION ledger_partitions_ensure(ahead integer) RETURNS TABLE (parent text, month date, moved bigint)
        LANGUAGE plpgsql AS $fn$${PARTITIONS_ENSURE}$fn$;
    `);
    for (const ledger of LEDGERS) await this.partition(q, ledger);
    await q.query(`
      ALTER TABLE conversions ADD CONSTRAINT conversions_pkey PRIMARY KEY (id, occurred_at);
      ALTER TABLE cost_entries ADD CONSTRAINT cost_entries_pkey PRIMARY KEY (id, incurred_on);

      CREATE TABLE conversion_keys (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        source text NOT NULL,
        external_id text NOT NULL,
        conversion_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT pk_conversion_keys PRIMARY KEY (workspace_id, source, external_id),
        CONSTRAINT uq_conversion_keys_conversion UNIQUE (conversion_id)
      );
      INSERT INTO conversion_keys SELECT workspace_id, source, external_id, id, occurred_at FROM conversions;
      ${claimFunction('conversions', 'conversion_keys', ['workspace_id', 'source', 'external_id'], 'conversion_id', 'occurred_at')}
      ${claimTriggers('conversions', '', ['workspace_id', 'source', 'external_id', 'occurred_at'])}
      ALTER TABLE conversion_reversals ADD CONSTRAINT conversion_reversals_conversion_id_fkey
        FOREIGN KEY (conversion_id) REFERENCES conversion_keys(conversion_id) ON DELETE CASCADE;

      CREATE TABLE cost_entry_sources (
        kind text NOT NULL,
        source_id uuid NOT NULL,
        cost_entry_id uuid NOT NULL,
        incurred_on date NOT NULL,
        CONSTRAINT pk_cost_entry_sources PRIMARY KEY (kind, source_id),
        CONSTRAINT uq_cost_entry_sources_entry UNIQUE (cost_entry_id)
      );
      INSERT INTO cost_entry_sources SELECT kind, source_id, id, incurred_on FROM cost_entries WHERE source_id IS NOT NULL;
      ${claimFunction('cost_entries', 'cost_entry_sources', ['kind', 'source_id'], 'cost_entry_id', 'incurred_on')}
      ${claimTriggers('cost_entries', 'source_id IS NOT NULL', ['kind', 'source_id', 'incurred_on'])}
      ALTER TABLE payout_entries ADD CONSTRAINT payout_entries_cost_entry_id_fkey FOREIGN KEY (cost_entry_id, incurred_on)
        REFERENCES cost_entries(id, incurred_on) ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conversion_reversals DROP CONSTRAINT conversion_reversals_conversion_id_fkey;
      ALTER TABLE payout_entries DROP CONSTRAINT payout_entries_cost_entry_id_fkey;
      DROP TABLE conversion_keys, cost_entry_sources;
    `);
    for (const ledger of LEDGERS) await this.flatten(q, ledger);
    await q.query(`
      DROP FUNCTION ledger_partitions_ensure(integer), ledger_partition_create(text, date),
        conversions_claim(), conversions_release(), conversions_follow(),
        cost_entries_claim(), cost_entries_release(), cost_entries_follow();
      ALTER TABLE conversions ADD CONSTRAINT conversions_pkey PRIMARY KEY (id),
        ADD CONSTRAINT uq_conversions_workspace_source_external UNIQUE (workspace_id, source, external_id);
      ALTER TABLE cost_entries ADD CONSTRAINT cost_entries_pkey PRIMARY KEY (id);
      CREATE UNIQUE INDEX uq_cost_entries_source ON cost_entries (kind, source_id) WHERE source_id IS NOT NULL;
      ALTER TABLE conversion_reversals ADD CONSTRAINT conversion_reversals_conversion_id_fkey
        FOREIGN KEY (conversion_id) REFERENCES conversions(id) ON DELETE CASCADE;
      ALTER TABLE payout_entries ADD CONSTRAINT payout_entries_cost_entry_id_fkey
        FOREIGN KEY (cost_entry_id) REFERENCES cost_entries(id) ON DELETE RESTRICT;
    `);
  }

  /** The old table renamed, the partitioned one created like it, every month of its rows (and AHEAD) made, rows moved. */
  private async partition(q: QueryRunner, { table, key, indexes, foreignKeys, triggers }: Ledger): Promise<void> {
    const old = `${table}_unpartitioned`;
    const month = key === 'occurred_at' ? `date_trunc('month', ${key} AT TIME ZONE 'UTC')` : `date_trunc('month', ${key})`;
    const current = `date_trunc('month', now() AT TIME ZONE 'UTC')`;
    await q.query(`
      ALTER TABLE ${table} RENAME TO ${old};
      CREATE TABLE ${table} (LIKE ${old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)
        PARTITION BY RANGE (${key});
      CREATE TABLE ${table}_default PARTITION OF ${table} DEFAULT;
      SELECT ledger_partition_create('${table}', m::date)
      FROM (SELECT least(min(${month}), ${current}) AS first, greatest(max(${month}), ${current} + interval '${AHEAD} months') AS last FROM ${old}) r,
        generate_series(r.first, r.last, interval '1 month') m;
      INSERT INTO ${table} SELECT * FROM ${old};
      DROP TABLE ${old};
      ${[...indexes, ...foreignKeys, ...triggers].join(';\n')};
    `);
  }

  /** Back to one table: created like the partitioned one, rows copied, the old indexes, keys and triggers again. */
  private async flatten(q: QueryRunner, { table, indexes, foreignKeys, triggers }: Ledger): Promise<void> {
    const flat = `${table}_flat`;
    await q.query(`
      CREATE TABLE ${flat} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS);
      INSERT INTO ${flat} SELECT * FROM ${table};
      DROP TABLE ${table};
      ALTER TABLE ${flat} RENAME TO ${table};
      ${[...indexes, ...foreignKeys, ...triggers].join(';\n')};
    `);
  }
}
