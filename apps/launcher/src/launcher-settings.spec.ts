import { ConfigError, loadConfig } from '@app/config';
import { composeChildEnv, embeddedDatabaseUrl, readLauncherSettings, redactUrl } from './launcher-settings';

describe('launcher settings', () => {
  it('defaults to the zero-config mode: embedded PostgreSQL, migrations, data in ./.data', () => {
    const settings = readLauncherSettings({}, '/srv/app');

    expect(settings).toEqual({ dataDir: '/srv/app/.data', embeddedPgPort: undefined, migrate: true, embedded: true, verbose: false });
  });

  it('reads DATA_DIR, EMBEDDED_PG_PORT, DB_MIGRATE_ON_START and an external DATABASE_URL', () => {
    const settings = readLauncherSettings(
      { DATA_DIR: '/tmp/x', EMBEDDED_PG_PORT: '0', DB_MIGRATE_ON_START: 'no', DATABASE_URL: 'postgres://h/db', LOG_LEVEL: 'debug' },
      '/srv',
    );

    expect(settings).toEqual({ dataDir: '/tmp/x', embeddedPgPort: 0, migrate: false, embedded: false, verbose: true });
  });

  it('names each bad variable', () => {
    expect(() => readLauncherSettings({ EMBEDDED_PG_PORT: '70000', DB_MIGRATE_ON_START: 'maybe' })).toThrow(ConfigError);
    expect(() => readLauncherSettings({ EMBEDDED_PG_PORT: 'abc' })).toThrow(/EMBEDDED_PG_PORT/);
    expect(() => readLauncherSettings({ DB_MIGRATE_ON_START: 'maybe' })).toThrow(/DB_MIGRATE_ON_START/);
  });

  it('gives the apps a valid environment: queues on PostgreSQL without REDIS_URL, mail in DATA_DIR/outbox, no second migration', () => {
    const settings = readLauncherSettings({}, '/srv');
    const env = composeChildEnv({ PATH: '/bin', EMPTY: '' }, settings, {
      databaseUrl: embeddedDatabaseUrl(54329, 'p@ss'),
      jwtSecret: 'j'.repeat(64),
    });

    expect(env).toEqual({
      PATH: '/bin',
      DATABASE_URL: 'postgres://postgres:p%40ss@127.0.0.1:54329/ambassador_crm',
      QUEUE_BACKEND: 'postgres',
      DB_MIGRATE_ON_START: 'false',
      MAIL_OUTBOX_DIR: '/srv/.data/outbox',
      PORT: '3000',
      APP_URL: 'http://localhost:3000',
      JWT_SECRET: 'j'.repeat(64),
    });
    expect(loadConfig(env).QUEUE_BACKEND).toBe('postgres');
  });

  it('keeps what the environment sets: Redis when REDIS_URL is given, the port in APP_URL, the JWT secret', () => {
    const settings = readLauncherSettings({ DATABASE_URL: 'postgres://db/x' }, '/srv');
    const env = composeChildEnv(
      { DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r:6379', PORT: '8080', JWT_SECRET: 's'.repeat(40), MAIL_OUTBOX_DIR: 'mail' },
      settings,
      {
        databaseUrl: 'postgres://db/x',
        jwtSecret: 'ignored',
      },
    );

    expect(env).toMatchObject({
      QUEUE_BACKEND: 'redis',
      APP_URL: 'http://localhost:8080',
      JWT_SECRET: 's'.repeat(40),
      MAIL_OUTBOX_DIR: 'mail',
    });
  });

  it('hides passwords in printed URLs', () => {
    expect(redactUrl('postgres://postgres:secret@127.0.0.1:5/db')).toBe('postgres://postgres:***@127.0.0.1:5/db');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
