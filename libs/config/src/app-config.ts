import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const bool = () =>
  Transform(({ value }) =>
    value === undefined || typeof value === 'boolean'
      ? value
      : ['1', 'true', 'yes'].includes(String(value).toLowerCase())
        ? true
        : ['0', 'false', 'no'].includes(String(value).toLowerCase())
          ? false
          : value,
  );
const int = () =>
  Transform(({ value }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value));

const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/** Every setting of both processes; defaults are the local development ones (see .env.example). */
const SIZE = /^(\d+)(b|kb|mb)$/i;

export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ambassador_crm';

  /**
   * A streaming replica of DATABASE_URL for reads that tolerate a little lag (report builds, lists,
   * performance series in GET requests); unset, everything reads the primary. docs/operations.md#read-replica.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_READ_URL?: string;

  /** Replay lag past which the replica is skipped (reads go to the primary, with a warning). */
  @int()
  @IsInt()
  @Min(0)
  @Max(600_000)
  DB_READ_MAX_LAG_MS = 1_000;

  /**
   * After a write request in a workspace, its reads stay on the primary this long (in this process), so a
   * client reads its own writes. Keep it above DB_READ_MAX_LAG_MS plus a second (the lag is probed once a second).
   */
  @int()
  @IsInt()
  @Min(0)
  @Max(600_000)
  DB_READ_AFTER_WRITE_MS = 3_000;

  @bool()
  @IsBoolean()
  DB_MIGRATE_ON_START = false;

  /**
   * Longest wait for a PostgreSQL connection (opening one, or a free one of the pool): with the server
   * unreachable (a blackholed address answers nothing) a request then fails with 503 instead of hanging.
   */
  @int()
  @IsInt()
  @Min(100)
  @Max(120_000)
  DB_CONNECT_TIMEOUT_MS = 5_000;

  /** How long /health waits for PostgreSQL's answer to its ping before it reports the database down (503). */
  @int()
  @IsInt()
  @Min(100)
  @Max(60_000)
  HEALTH_DB_TIMEOUT_MS = 1_500;

  @IsIn(['redis', 'postgres'])
  QUEUE_BACKEND: 'redis' | 'postgres' = 'redis';

  /** One node (`redis://`, `rediss://`) or a Redis Cluster by some of its nodes (`redis+cluster://h:p,h:p`). */
  @Matches(/^rediss?(\+cluster)?:\/\/.+/, { message: 'must be a redis://, rediss://, redis+cluster:// or rediss+cluster:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix; the braces make it a Redis Cluster hash tag so a queue's keys share a slot. */
  @Matches(/^\{[a-z0-9_-]+\}$/, { message: 'must look like {name}: a Redis hash tag' })
  QUEUE_PREFIX = '{acrm}';

  @int()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsUrl({ require_tld: false, require_protocol: true })
  APP_URL = 'http://localhost:3000';

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @int()
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  JWT_TTL_SECONDS = 12 * 3600;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Ambassador CRM <no-reply@localhost>';

  /** Where mail goes when SMTP_URL is unset: one .eml file per message. */
  @IsString()
  @MinLength(1)
  MAIL_OUTBOX_DIR = '.data/outbox';

  /** Emails per second across the notifications queue (BullMQ limiter): keep under the mail provider's limit. */
  @int()
  @IsInt()
  @Min(1)
  @Max(10_000)
  MAIL_RATE_PER_SECOND = 20;

  /** First retry delay of a failed job; later ones double (exponential backoff). Tests make it short. */
  @int()
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  JOB_BACKOFF_MS = 5_000;

  /**
   * How long a job stays locked to a worker that stopped renewing the lock (killed, frozen) before another
   * worker takes it over (BullMQ lockDuration and stalled check); renewed every half of it. Tests make it short.
   */
  @int()
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  JOB_LOCK_MS = 30_000;

  /**
   * How long a notification claimed for sending is kept from any other sender. Above the longest SMTP
   * exchange (nodemailer's socket timeout is 10 minutes): a row claimed by a worker that died mid-send is
   * sent again only after it. Tests make it short.
   */
  @int()
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  NOTIFICATION_CLAIM_LEASE_SECONDS = 15 * 60;

  /** How long a relationship's rollup waits for more changes before it runs (debounce); tests make it 0. */
  @int()
  @IsInt()
  @Min(0)
  @Max(600_000)
  ROLLUP_DEBOUNCE_MS = 2_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @int()
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_ROUNDS = 11;

  /**
   * Workspaces whose admins may open Bull Board (/admin/queues), comma-separated UUIDs. Queues are
   * shared by all tenants, so this is an operator's switch, not every workspace admin's; unset = off.
   */
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}(,[0-9a-f-]{36})*$/i, { message: 'must be comma-separated workspace UUIDs' })
  OPERATOR_WORKSPACE_IDS?: string;

  @int()
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 0;

  /** Browser origins allowed to call the API (CORS), comma-separated, or `*`; unset = no CORS headers. */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^/,\s]+(\s*,\s*https?:\/\/[^/,\s]+)*)$/, {
    message: 'must be * or comma-separated origins like https://app.example.com',
  })
  CORS_ORIGINS?: string;

  /** Largest JSON or CSV request body; larger answers 413. */
  @Matches(SIZE, { message: 'must be a size like 512kb or 10mb' })
  BODY_LIMIT = '10mb';

  /**
   * Largest JSON body of a route that takes one record (everything but the conversions batch and the Shopify
   * webhook, which take BODY_LIMIT): parsing and validating megabytes no such route needs would hold the
   * event loop for hundreds of milliseconds. Larger answers 413.
   */
  @Matches(SIZE, { message: 'must be a size like 512kb or 10mb' })
  JSON_BODY_LIMIT = '1mb';

  /** Proxies whose X-Forwarded-For is believed (Express `trust proxy`): a hop count or addresses/CIDRs; unset = none. */
  @IsOptional()
  @Matches(/^(\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, { message: 'must be a hop count or comma-separated addresses/CIDRs' })
  TRUST_PROXY?: string;

  /** Requests per minute per API key or user (anonymous: per IP), shared by all api replicas through Redis. */
  @int()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_PER_MINUTE = 1_200;

  /** Requests per minute of a whole workspace, all its keys and users together: making keys does not multiply the budget. */
  @int()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_PER_WORKSPACE_PER_MINUTE = 3_600;

  /** API keys a workspace may have unrevoked at once. */
  @int()
  @IsInt()
  @Min(1)
  @Max(10_000)
  MAX_API_KEYS_PER_WORKSPACE = 50;

  /** Failed logins per email within 15 minutes before that email is refused with 429; a success resets it. */
  @int()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_MAX_FAILURES = 10;

  /** Failed logins per client IP within an hour (any emails) before that IP is refused with 429. */
  @int()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_MAX_FAILURES_PER_IP = 100;

  /** Signups per client IP within an hour. */
  @int()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  SIGNUP_PER_IP_PER_HOUR = 20;

  /** On-demand report emails (POST /v1/reports/quarterly/send) per workspace within an hour. */
  @int()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  REPORT_SENDS_PER_WORKSPACE_PER_HOUR = 20;

  /** On-demand report emails of one brand's quarter within a day. */
  @int()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY = 3;

  /** How long a member invitation can be accepted. */
  @int()
  @IsInt()
  @Min(1)
  @Max(90 * 24)
  INVITATION_TTL_HOURS = 7 * 24;

  /**
   * Whether webhook endpoints may be plain http or resolve to loopback, private, link-local or metadata
   * addresses. Unset: allowed except when NODE_ENV=production (so `npm start` and tests reach local receivers).
   */
  @IsOptional()
  @bool()
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS?: boolean;

  /** Delays between webhook delivery attempts, in ms (about 3 days in all); tests make them short. */
  @Matches(/^\d+(,\d+)*$/, { message: 'must be comma-separated delays in milliseconds' })
  WEBHOOK_RETRY_DELAYS_MS = '5000,300000,1800000,7200000,18000000,36000000,36000000';

  /** Longest wait for a receiver's answer. */
  @int()
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Deliveries in flight at once per worker process. */
  @int()
  @IsInt()
  @Min(1)
  @Max(200)
  WEBHOOK_CONCURRENCY = 16;

  /** Requests a batch delivery job has open at once: it sends its deliveries in rounds of this many. */
  @int()
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_SENDS_PER_JOB = 10;

  /** An endpoint that failed every attempt for this long is disabled (its admins are told). */
  @int()
  @IsInt()
  @Min(1)
  @Max(30 * 24)
  WEBHOOK_DISABLE_AFTER_HOURS = 5 * 24;

  /** Dispatched domain events and their deliveries are deleted after this many days. */
  @int()
  @IsInt()
  @Min(1)
  @Max(3650)
  EVENTS_RETENTION_DAYS = 30;

  /** Bearer token required by /metrics (api and worker); unset = open, so keep the port private. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;
}

/** Values that may carry credentials are never echoed, not even in a boot error. */
/** `BODY_LIMIT`-style sizes (`512kb`, `10mb`) in bytes, as the body parser reads them (1 kb = 1024 bytes). */
export function sizeInBytes(size: string): number {
  const [, amount, unit] = SIZE.exec(size) ?? [];
  if (!amount) throw new Error(`not a size: ${size}`);
  return Number(amount) * { b: 1, kb: 1024, mb: 1024 ** 2 }[unit.toLowerCase() as 'b' | 'kb' | 'mb'];
}

const secretVariables = new Set(['DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'JWT_SECRET', 'SMTP_URL', 'METRICS_TOKEN']);

export class ConfigError extends Error {}

/** Validates the environment; the error names every bad variable so the process stops with a clear message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, given);
  const errors = validateSync(config, { skipMissingProperties: false });
  const lines = errors.map(
    (e) =>
      `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${secretVariables.has(e.property) ? 'a hidden value' : JSON.stringify(e.value)})`,
  );
  config.WEBHOOK_ALLOW_PRIVATE_URLS ??= config.NODE_ENV !== 'production';
  // A token signed with a secret published in the repository would let anyone in.
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === DEV_JWT_SECRET)
    lines.push('  JWT_SECRET: must be set to your own secret in production');
  if (lines.length) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
