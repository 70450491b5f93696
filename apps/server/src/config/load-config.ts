import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type AppConfig } from './config.schema';

/** Thrown when a setting is missing or invalid; the message names every bad key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly { key: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.key}: ${i.message}`).join('\n')}`);
  }
}

type Json = Record<string, unknown>;

const ENV_PREFIX = 'MARKETLENS_';
/** The repository's config/ folder, found from this file so any working directory works. */
export const DEFAULT_CONFIG_DIR = fileURLToPath(new URL('../../../../config', import.meta.url));

const camel = (segment: string): string =>
  segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isObject(prev) && isObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function readJsonFile(path: string): Json {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isObject(parsed)) throw new Error('top level must be an object');
    return parsed;
  } catch (err) {
    throw new ConfigError([{ key: path, message: `cannot read config file: ${(err as Error).message}` }]);
  }
}

/** Values that look like JSON arrays/objects (e.g. MARKETLENS_INGEST__SYMBOLS) are parsed; the rest stay strings. */
function envValue(raw: string, name: string): unknown {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return raw;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    throw new ConfigError([{ key: name, message: 'looks like JSON but does not parse' }]);
  }
}

/** Turns MARKETLENS_A__B_C=v into { a: { bC: v } }, plus the standard DATABASE_URL, REDIS_URL and PORT. */
export function configFromEnv(env: NodeJS.ProcessEnv): Json {
  let out: Json = {};
  for (const [name, raw] of Object.entries(env)) {
    // An empty variable means "use the default", so a copied .env.example changes nothing.
    if (!name.startsWith(ENV_PREFIX) || !raw || name === 'MARKETLENS_CONFIG_DIR') continue;
    const path = name.slice(ENV_PREFIX.length).split('__').map(camel);
    const leaf = path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), envValue(raw, name));
    out = deepMerge(out, leaf as Json);
  }
  if (env.DATABASE_URL) out = deepMerge(out, { database: { url: env.DATABASE_URL } });
  if (env.REDIS_URL) out = deepMerge(out, { redis: { url: env.REDIS_URL } });
  if (env.PORT) out = deepMerge(out, { server: { port: env.PORT } });
  return out;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  configDir?: string;
  /** Applied last; used by tests and the CLI. */
  overrides?: Json;
}

/** Loads and validates the configuration once; relative paths are resolved against the working directory. */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  // An empty MARKETLENS_CONFIG_DIR (as in a copied .env.example) means the default, like every other variable.
  const dir = options.configDir ?? (env.MARKETLENS_CONFIG_DIR || DEFAULT_CONFIG_DIR);
  let merged = readJsonFile(join(dir, 'default.json'));
  const local = join(dir, 'local.json');
  if (existsSync(local)) merged = deepMerge(merged, readJsonFile(local));
  merged = deepMerge(merged, configFromEnv(env));
  if (options.overrides) merged = deepMerge(merged, options.overrides);

  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ key: issue.path.join('.') || '(root)', message: issue.message })),
    );
  }
  const config = result.data;
  if (!config.database.dataDir.startsWith('memory://')) config.database.dataDir = resolve(config.database.dataDir);
  config.storage.artifactDir = resolve(config.storage.artifactDir);
  return config;
}

/** Embedded mode: PGlite + in-process cache and jobs. Distributed: PostgreSQL (+ Redis). */
export const isEmbedded = (config: AppConfig): boolean => config.database.url === '';
