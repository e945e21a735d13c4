import { loadConfig, sizeInBytes } from './app-config';

describe(loadConfig.name, () => {
  it('gives working local defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.QUEUE_BACKEND).toBe('redis');
    expect(config.DB_MIGRATE_ON_START).toBe(false);
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '8080', DB_MIGRATE_ON_START: 'true' });
    expect(config.PORT).toBe(8080);
    expect(config.DB_MIGRATE_ON_START).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });
});

describe('production safety', () => {
  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set to your own secret in production/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe('production');
  });
});

describe('secrets in errors', () => {
  it('names a bad secret variable without echoing its value', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail' })).toThrow(/SMTP_URL: .*got a hidden value/);
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail' })).not.toThrow(/hunter2/);
  });
});

describe('hardening settings', () => {
  it('accepts origin lists, * and sizes, and names what is wrong', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173', BODY_LIMIT: '512kb' })).toMatchObject({
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      BODY_LIMIT: '512kb',
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toBe('*');
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/path' })).toThrow(
      /CORS_ORIGINS: must be \* or comma-separated origins/,
    );
    expect(() => loadConfig({ BODY_LIMIT: 'lots' })).toThrow(/BODY_LIMIT: must be a size/);
    expect(() => loadConfig({ JSON_BODY_LIMIT: '1gb' })).toThrow(/JSON_BODY_LIMIT: must be a size/);
    expect([sizeInBytes('1mb'), sizeInBytes('512KB'), sizeInBytes('10b')]).toEqual([1024 ** 2, 512 * 1024, 10]);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('never echoes the metrics token', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN: .*got a hidden value/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
