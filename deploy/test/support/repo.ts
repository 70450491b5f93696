import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so tests run from any cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export const repoPath = (...parts: string[]): string => join(REPO_ROOT, ...parts);
export const readRepoFile = (...parts: string[]): string => readFileSync(repoPath(...parts), 'utf8');

/**
 * Every environment variable the server reads. `.env.example` is the single list: the server's config tests
 * prove it names every setting of config/default.json and nothing the config does not understand.
 */
export function serverEnvVarNames(): string[] {
  const example = readRepoFile('.env.example');
  return [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1] ?? '').filter((n) => n !== '');
}

/**
 * The variables of .env.example that hold credentials (or URLs that may embed them): never a literal in a
 * committed file (compose, Kubernetes, render.yaml), always from an env file or a Secret.
 */
export const SECRET_ENV_VARS: readonly string[] = [
  'DATABASE_URL',
  'REDIS_URL',
  'MARKETLENS_DATABASE__URL',
  'MARKETLENS_REDIS__URL',
  'MARKETLENS_AUTH__JWT_SECRET',
  'MARKETLENS_S3__ACCESS_KEY_ID',
  'MARKETLENS_S3__SECRET_ACCESS_KEY',
  'MARKETLENS_TELEGRAM__BOT_TOKEN',
  'MARKETLENS_EMAIL__SMTP_URL',
  'MARKETLENS_PROVIDERS__ALPHAVANTAGE__API_KEY',
  'MARKETLENS_PROVIDERS__X__BEARER_TOKEN',
  'MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY',
];

export const isSecretEnvVar = (name: string): boolean => SECRET_ENV_VARS.includes(name);
