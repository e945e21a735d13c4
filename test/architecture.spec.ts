import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The house rules docs/architecture.md states, read from the source files (no database, no app): every table
 * has one owning library and only it writes the table; the libraries import each other without cycles.
 */

/** Table → the library that owns it (docs/architecture.md, "Contexts and their tables"). */
const TABLE_OWNERS: Record<string, string> = {
  workspaces: 'workspaces',
  users: 'workspaces',
  members: 'workspaces',
  api_keys: 'workspaces',
  invitations: 'workspaces',
  sessions: 'workspaces',
  portal_sign_ins: 'portal',
  portal_link_uses: 'portal',
  portal_sessions: 'portal',
  brands: 'brands',
  brand_managers: 'brands',
  influencers: 'influencers',
  social_accounts: 'influencers',
  relationships: 'relationships',
  contracts: 'contracts',
  deliverables: 'deliverables',
  metric_snapshots: 'deliverables',
  tracking_codes: 'attribution',
  conversions: 'attribution',
  // The dedup key's claim, kept by triggers on conversions (PartitionedLedger migration): written by no code.
  conversion_keys: 'attribution',
  conversion_reversals: 'attribution',
  inbound_webhooks: 'attribution',
  cost_entries: 'costs',
  cost_entry_sources: 'costs',
  activity_log: 'activity',
  notifications: 'notifications',
  email_suppressions: 'notifications',
  rollup_dirty_days: 'rollups',
  relationship_daily_stats: 'rollups',
  relationship_monthly_stats: 'rollups',
  quarterly_reports: 'reports',
  report_links: 'reports',
  // Other contexts record events through recordEvents / domainEventsSql of libs/events, never by their own SQL.
  domain_events: 'events',
  webhook_endpoints: 'events',
  webhook_deliveries: 'events',
  webhook_delivery_attempts: 'events',
  payout_settings: 'payouts',
  payout_methods: 'payouts',
  payout_runs: 'payouts',
  payouts: 'payouts',
  payout_entries: 'payouts',
  // The HTTP replay store of Idempotency-Key (apps/api/src/core): API infrastructure, no context's data.
  idempotency_keys: 'apps/api',
};

/**
 * Writes outside the owner that stay, each with why. Keep this list short: a new entry needs a reason no
 * owner-side call can serve.
 */
const ALLOWED: { lib: string; table: string; why: string }[] = [
  {
    lib: 'costs',
    table: 'conversions',
    why:
      'costs.accrue approves due conversions and books their commission entries in one statement (an approval ' +
      'without its entry, or the reverse, must never commit); attribution imports costs, so costs cannot call it back',
  },
];

const root = join(__dirname, '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
const libs = readdirSync(join(root, 'libs'));
/** Source files of a library, without specs and migrations (the schema is not a write of data). */
const sources = (lib: string) =>
  filesUnder(join(root, 'libs', lib, 'src')).filter(
    (f) => f.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(f) && !f.includes('/migrations/'),
  );
/** Comments name tables freely ("the scan inserts into notifications"); only code counts. */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

/** Entity class → its table, from `@Entity('table') export class X`. */
const entityTables = new Map(
  libs.flatMap((lib) =>
    sources(lib).flatMap((file) =>
      [...code(file).matchAll(/@Entity\('([a-z_]+)'\)\s*export class (\w+)/g)].map(([, table, cls]) => [cls, table] as const),
    ),
  ),
);

const SQL_WRITE = /(?<!\b(?:ON|FOR|DO|KEY)\s+)\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/g;
const REPOSITORY_WRITE =
  /(?:getRepository|InjectRepository|forFeature\(\[[^\]]*?|new ScopedRepository\(\s*\w+\s*,|extends ScopedRepository<|\.(?:insert|update|delete|upsert|save|remove)\()\s*\(?\s*(\w+)/g;

/** Every (lib, table, file) where a library's code writes a table: raw SQL, or a repository / manager call with an entity. */
function writes(lib: string): { table: string; file: string }[] {
  return sources(lib).flatMap((file) => {
    const text = code(file);
    const sql = [...text.matchAll(SQL_WRITE)].map((m) => m[1]).filter((table) => table in TABLE_OWNERS);
    const entities = [...text.matchAll(REPOSITORY_WRITE)].map((m) => entityTables.get(m[1])).filter((t): t is string => Boolean(t));
    const forFeature = [...text.matchAll(/forFeature\(\[([^\]]*)\]/g)].flatMap((m) =>
      m[1].split(',').flatMap((name) => entityTables.get(name.trim()) ?? []),
    );
    return [...new Set([...sql, ...entities, ...forFeature])].map((table) => ({ table, file: relative(root, file) }));
  });
}

describe('table ownership', () => {
  it('names an owner for every table the migrations create', () => {
    const migrations = filesUnder(join(root, 'libs/database/src/migrations')).map((f) => readFileSync(f, 'utf8'));
    const created = new Set(
      migrations.flatMap((text) => [...text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)/g)].map((m) => m[1])),
    );
    expect([...created].filter((table) => !(table in TABLE_OWNERS))).toEqual([]);
  });

  it('finds the writes it is meant to police (the owners write their own tables)', () => {
    expect(writes('notifications').map((w) => w.table)).toContain('notifications');
    expect(writes('workspaces').map((w) => w.table)).toEqual(expect.arrayContaining(['workspaces', 'members', 'invitations']));
    expect(writes('rollups').map((w) => w.table)).toContain('rollup_dirty_days');
  });

  it('lets only the owning library write a table (INSERT INTO, UPDATE, DELETE FROM, or a repository of an entity)', () => {
    const foreign = libs.flatMap((lib) =>
      writes(lib)
        .filter(({ table }) => TABLE_OWNERS[table] !== lib && !ALLOWED.some((a) => a.lib === lib && a.table === table))
        .map(({ table, file }) => `${file} writes ${table}, owned by ${TABLE_OWNERS[table]}`),
    );
    expect(foreign).toEqual([]);
  });
});

describe('library imports', () => {
  it('have no cycles (a lower library never imports a higher one, not even for types)', () => {
    const imports = new Map(
      libs.map((lib) => [
        lib,
        new Set(
          sources(lib).flatMap((file) =>
            [...readFileSync(file, 'utf8').matchAll(/from ['"]@app\/([a-z-]+)['"]/g)].map((m) => m[1]).filter((other) => other !== lib),
          ),
        ),
      ]),
    );
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (lib: string, path: string[]) => {
      if (path.includes(lib)) return void cycles.push([...path.slice(path.indexOf(lib)), lib].join(' → '));
      if (done.has(lib)) return;
      for (const next of imports.get(lib) ?? []) visit(next, [...path, lib]);
      done.add(lib);
    };
    for (const lib of libs) visit(lib, []);
    expect(cycles).toEqual([]);
  });
});
