import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config/load-config';
import { resolveJwtSecret } from './platform';

const configWith = (overrides: Record<string, unknown>) => loadConfig({ env: {} as NodeJS.ProcessEnv, overrides });

describe('resolveJwtSecret', () => {
  it('uses the configured secret when there is one', () => {
    const secret = 'x'.repeat(40);
    expect(resolveJwtSecret(configWith({ auth: { jwtSecret: secret } }))).toBe(secret);
  });

  it('generates an embedded secret once, keeps it next to the database with mode 0600, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-secret-'));
    const config = configWith({ database: { dataDir: join(dir, 'db') } });
    const first = resolveJwtSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(resolveJwtSecret(config)).toBe(first);
  });

  it('keeps the secret of an in-memory database in memory only', () => {
    const before = existsSync('jwt-secret');
    const secret = resolveJwtSecret(configWith({ database: { dataDir: 'memory://' } }));
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(existsSync('jwt-secret')).toBe(before);
  });

  it('refuses to start distributed mode without a secret, naming the key', () => {
    expect(() => resolveJwtSecret(configWith({ database: { url: 'postgres://u@db/ml' } }))).toThrow(/auth\.jwtSecret/);
  });
});
