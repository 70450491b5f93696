import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_DIR, configFromEnv, isEmbedded, loadConfig } from './load-config';

const noEnv = {} as NodeJS.ProcessEnv;

function configDirWith(local: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'ml-config-'));
  writeFileSync(join(dir, 'default.json'), readFileSync(join(DEFAULT_CONFIG_DIR, 'default.json')));
  writeFileSync(join(dir, 'local.json'), JSON.stringify(local));
  return dir;
}

function leafPaths(value: unknown, prefix: string[] = []): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix.join('.')];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

describe('loadConfig', () => {
  it('loads the defaults into embedded mode', () => {
    const config = loadConfig({ env: noEnv });
    expect(config.server.port).toBe(8080);
    expect(isEmbedded(config)).toBe(true);
    expect(config.database.dataDir).toMatch(/\.marketlens\/db$/);
  });

  it('layers local.json over the defaults and env over both', () => {
    const dir = configDirWith({ server: { port: 9000 }, log: { level: 'debug' } });
    const config = loadConfig({ configDir: dir, env: { MARKETLENS_LOG__LEVEL: 'warn' } as NodeJS.ProcessEnv });
    expect(config.server.port).toBe(9000);
    expect(config.log.level).toBe('warn');
  });

  it('maps MARKETLENS_ names with __ nesting to camelCase keys and coerces types', () => {
    const config = loadConfig({
      env: {
        MARKETLENS_STORAGE__ARTIFACT_DIR: '/tmp/artifacts',
        MARKETLENS_HTTP__UPLOAD_LIMIT_BYTES: '1024',
        MARKETLENS_SERVER__TRUST_PROXY: 'true',
        MARKETLENS_HTTP__CORS_ORIGINS: 'https://a.example, https://b.example',
        MARKETLENS_INGEST__SYMBOLS: '[{"symbol":"SPY"}]',
      } as NodeJS.ProcessEnv,
    });
    expect(config.storage.artifactDir).toBe('/tmp/artifacts');
    expect(config.http.uploadLimitBytes).toBe(1024);
    expect(config.server.trustProxy).toBe(true);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.ingest.symbols).toEqual([{ symbol: 'SPY', provider: 'yahoo', timeframe: '1d' }]);
  });

  it('takes DATABASE_URL, REDIS_URL and PORT as the standard variables', () => {
    const config = loadConfig({
      env: {
        DATABASE_URL: 'postgres://u@db:5432/ml',
        REDIS_URL: 'redis://cache:6379',
        PORT: '3000',
      } as NodeJS.ProcessEnv,
    });
    expect(config.database.url).toBe('postgres://u@db:5432/ml');
    expect(config.redis.url).toBe('redis://cache:6379');
    expect(config.server.port).toBe(3000);
    expect(isEmbedded(config)).toBe(false);
  });

  it('takes compute.poolSize as "auto" (the default) or a positive number, and names the key otherwise', () => {
    expect(loadConfig({ env: noEnv }).compute.poolSize).toBe('auto');
    const env = (v: string) => ({ MARKETLENS_COMPUTE__POOL_SIZE: v }) as NodeJS.ProcessEnv;
    expect(loadConfig({ env: env('3') }).compute.poolSize).toBe(3);
    for (const bad of ['0', 'many', '1.5']) {
      expect(() => loadConfig({ env: env(bad) }), bad).toThrow(/compute\.poolSize/);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(configFromEnv({ MARKETLENS_SERVER__PORT: '', DATABASE_URL: '' } as NodeJS.ProcessEnv)).toEqual({});
  });

  it('reads the default config folder when MARKETLENS_CONFIG_DIR is empty (a copied .env.example)', () => {
    const config = loadConfig({ env: { MARKETLENS_CONFIG_DIR: '' } as NodeJS.ProcessEnv });
    expect(config.server.port).toBe(8080);
  });

  it('stops with an error naming the bad key and the reason', () => {
    expect(() => loadConfig({ env: { MARKETLENS_SERVER__PORT: 'eighty' } as NodeJS.ProcessEnv })).toThrow(
      /server\.port: .*number/i,
    );
    expect(() => loadConfig({ env: { MARKETLENS_LOG__LEVEL: 'loud' } as NodeJS.ProcessEnv })).toThrow(/log\.level/);
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x@y/z' } as NodeJS.ProcessEnv })).toThrow(/database\.url/);
    expect(() => loadConfig({ env: { MARKETLENS_AUTH__JWT_SECRET: 'short' } as NodeJS.ProcessEnv })).toThrow(
      /auth\.jwtSecret: must be at least 32 characters/,
    );
  });

  it('reports every bad key at once in a ConfigError', () => {
    try {
      loadConfig({ env: { PORT: '-1', MARKETLENS_CACHE__MAX_ENTRIES: '0' } as NodeJS.ProcessEnv });
      expect.unreachable('loadConfig accepted bad values');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.map((i) => i.key).sort()).toEqual(['cache.maxEntries', 'server.port']);
    }
  });

  it('rejects env JSON that does not parse, naming the variable', () => {
    expect(() => loadConfig({ env: { MARKETLENS_INGEST__SYMBOLS: '[{oops' } as NodeJS.ProcessEnv })).toThrow(
      /MARKETLENS_INGEST__SYMBOLS: looks like JSON but does not parse/,
    );
  });

  it('rejects a local.json that is not JSON, naming the file', () => {
    const dir = configDirWith({});
    writeFileSync(join(dir, 'local.json'), '{ nope');
    expect(() => loadConfig({ configDir: dir, env: noEnv })).toThrow(/local\.json: cannot read config file/);
  });
});

const JSON_SETTINGS = ['jobs.schedules', 'providers.exchange.options'];

describe('.env.example', () => {
  const example = readFileSync(join(DEFAULT_CONFIG_DIR, '..', '.env.example'), 'utf8');
  const names = [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1] ?? '');

  it('lists every setting of config/default.json', () => {
    const defaults = JSON.parse(readFileSync(join(DEFAULT_CONFIG_DIR, 'default.json'), 'utf8')) as unknown;
    const expected = leafPaths(defaults)
      // jobs.schedules.<job>.* and providers.exchange.options.<exchange>.* are one JSON variable each
      .map((path) => JSON_SETTINGS.find((json) => path.startsWith(`${json}.`)) ?? path)
      .map(
        (path) =>
          `MARKETLENS_${path
            .split('.')
            .map((k) => k.replace(/([A-Z])/g, '_$1').toUpperCase())
            .join('__')}`,
      );
    for (const name of new Set(expected)) expect(names, `${name} missing from .env.example`).toContain(name);
  });

  it('names only variables the config understands', () => {
    for (const name of names.filter((n) => n.startsWith('MARKETLENS_') && n !== 'MARKETLENS_CONFIG_DIR')) {
      const tree = configFromEnv({ [name]: 'x' } as NodeJS.ProcessEnv);
      const path = leafPaths(tree)[0] ?? '';
      const defaults = JSON.parse(readFileSync(join(DEFAULT_CONFIG_DIR, 'default.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      const exists = path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], defaults);
      expect(exists, `${name} -> ${path} is not a setting`).not.toBeUndefined();
    }
  });
});
