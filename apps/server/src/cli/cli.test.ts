import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { migratedDataDir, runCli } from '../../test/run-cli';

const GSPC = fileURLToPath(new URL('../../../../../shared/data/index/GSPC_daily_1960-2020.csv', import.meta.url));

const marketlens = (dataDir: string, ...args: string[]) => runCli(dataDir, args);
const marketlensWithEnv = (dataDir: string, env: Record<string, string>, ...args: string[]) =>
  runCli(dataDir, args, env);

// A path with nothing at it (commands that stop before the database, and the first-start import below) or a
// folder with a migrated database in it (commands that open one: it saves each a PGlite initdb).
const freshDataDir = () => join(mkdtempSync(join(tmpdir(), 'ml-cli-')), 'db');

// Every case spawns the real CLI (a few seconds each on a loaded 2-core machine): generous timeouts, no speed claims.
describe('marketlens CLI', { timeout: 120_000 }, () => {
  // The root help loads every command, a named command only its own module (program.ts); exit-codes.test.ts
  // checks every command's help in process.
  it('prints help from the binary: the root lists every command, a command its own options', () => {
    const root = marketlens(freshDataDir(), '--help');
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/Usage: marketlens/);
    for (const command of ['serve', 'import', 'users', 'regimes', 'signals', 'screener', 'meme']) {
      expect(root.stdout, `the root help lists ${command}`).toMatch(new RegExp(`\\n  ${command} `));
    }
    const nested = marketlens(freshDataDir(), 'users', 'create', '--help');
    expect(nested.code).toBe(0);
    expect(nested.stdout).toMatch(/Usage: marketlens users create/);
    expect(nested.stdout).toMatch(/--role/);
  });

  describe.skipIf(!existsSync(GSPC))('import of the real S&P 500 file (needs ../shared/data)', () => {
    const dataDir = freshDataDir();

    it('stores every row, then a second run changes nothing', () => {
      const first = marketlens(dataDir, 'import', GSPC, '--symbol', 'SPX', '--json');
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({
        symbol: 'SPX',
        timeframe: '1d',
        rows: 15102,
        inserted: 15102,
        updated: 0,
        unchanged: 0,
        rejected: [],
        rejectedTotal: 0,
        layout: 'yahoo',
      });
      const second = marketlens(dataDir, 'import', GSPC, '--symbol', 'SPX', '--json');
      expect(JSON.parse(second.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 15102 });
    });

    it('refuses to open a database a running server holds, and says how to go through it', () => {
      const release = acquireDataDirLock(dataDir, { port: 8123 });
      try {
        const locked = marketlens(dataDir, 'import', GSPC, '--symbol', 'SPX');
        expect(locked.code).toBe(75);
        expect(locked.stderr).toMatch(
          /in use by a running MarketLens server.*--server http:\/\/127\.0\.0\.1:8123 --api-key KEY/s,
        );
      } finally {
        release();
      }
    });
  });

  it('refuses to start with a bad setting, naming every bad key', () => {
    const result = marketlensWithEnv(
      freshDataDir(),
      { MARKETLENS_SERVER__PORT: 'eighty', MARKETLENS_LOG__LEVEL: 'loud' },
      'serve',
    );
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/Invalid configuration/);
    expect(result.stderr).toMatch(/server\.port/);
    expect(result.stderr).toMatch(/log\.level/);
  });

  it('reports a malformed file with its line and writes nothing', () => {
    const dataDir = migratedDataDir();
    const file = join(mkdtempSync(join(tmpdir(), 'ml-cli-csv-')), 'bad.csv');
    writeFileSync(file, 'when,price\n2024-01-02,1\n');
    const result = marketlens(dataDir, 'import', file, '--symbol', 'BAD');
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/bad\.csv: line 1: .*missing/i);
  });

  it('rejects bad arguments with a clear message', () => {
    const dataDir = migratedDataDir();
    const csv = join(mkdtempSync(join(tmpdir(), 'ml-cli-csv-')), 'ok.csv');
    writeFileSync(csv, 'Date,Close\n2024-01-02,1\n');
    expect(marketlens(dataDir, 'import', '/nope.csv', '--symbol', 'X').stderr).toMatch(/file not found: \/nope\.csv/);
    expect(marketlens(dataDir, 'import', csv, '--symbol', 'A B').stderr).toMatch(/--symbol: may contain/);
    expect(marketlens(dataDir, 'import', csv, '--symbol', 'X', '--timeframe', '2d').stderr).toMatch(
      /Allowed choices are/,
    );
  });

  describe('--json prints one JSON document on every path, errors too', () => {
    const jsonError = (stdout: string) =>
      (JSON.parse(stdout) as { error: { code: string; message: string; exitCode: number } }).error;

    it('a directory given as the file: NO_INPUT, exit 66, nothing on stderr', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ml-cli-dir-'));
      const result = marketlens(freshDataDir(), 'import', dir, '--symbol', 'X', '--json');
      expect(result.code).toBe(66);
      expect(jsonError(result.stdout)).toEqual({
        code: 'NO_INPUT',
        message: `${dir}: is a directory, not a CSV file`,
        exitCode: 66,
      });
      expect(result.stderr).toBe('');
    });

    it('a missing file, a malformed file and a bad flag each give their code and message', () => {
      const dataDir = migratedDataDir();
      const missing = marketlens(dataDir, 'import', '/nope.csv', '--symbol', 'X', '--json');
      expect(missing.code).toBe(66);
      expect(jsonError(missing.stdout)).toMatchObject({ code: 'NO_INPUT', message: 'file not found: /nope.csv' });

      const file = join(mkdtempSync(join(tmpdir(), 'ml-cli-csv-')), 'bad.csv');
      writeFileSync(file, 'when,price\n2024-01-02,1\n');
      const malformed = marketlens(dataDir, 'import', file, '--symbol', 'BAD', '--json');
      expect(malformed.code).toBe(65);
      expect(jsonError(malformed.stdout).code).toBe('INVALID_INPUT');
      expect(jsonError(malformed.stdout).message).toMatch(/bad\.csv: line 1: .*missing/i);

      const badFlag = marketlens(dataDir, 'import', file, '--symbol', 'X', '--timeframe', '2d', '--json');
      expect(badFlag.code).toBe(64);
      expect(jsonError(badFlag.stdout)).toMatchObject({
        code: 'USAGE',
        message: expect.stringMatching(/2d.*Allowed choices/),
      });
      expect(badFlag.stderr, 'no help text around the JSON').toBe('');

      const unknown = marketlens(dataDir, 'import', file, '--json', '--symbol', 'X', '--frobnicate');
      expect(jsonError(unknown.stdout)).toMatchObject({
        code: 'USAGE',
        message: expect.stringMatching(/--frobnicate/),
      });
    });

    it('the other commands with --json answer errors in JSON as well', () => {
      const dataDir = freshDataDir();
      const forecasts = marketlens(dataDir, 'forecasts', 'train', '--csv', '/nope.csv', '--json');
      expect(forecasts.code).toBe(66);
      expect(jsonError(forecasts.stdout).code).toBe('NO_INPUT');
      const regimes = marketlens(dataDir, 'regimes', 'fit', '--json');
      expect(regimes.code).toBe(64);
      expect(jsonError(regimes.stdout)).toMatchObject({
        code: 'USAGE',
        message: 'give exactly one of --symbol or --csv',
      });
    });
  });

  describe('import exit codes a script can trust', () => {
    const csvFile = (name: string, text: string) => {
      const file = join(mkdtempSync(join(tmpdir(), 'ml-cli-csv-')), name);
      writeFileSync(file, text);
      return file;
    };
    const summaryOf = (stdout: string) =>
      JSON.parse(stdout) as { inserted: number; exitCode?: number; error?: { code: string; exitCode: number } };

    const partialCsv = () => csvFile('partial.csv', 'Date,Close\n2024-01-02,1\n2024-01-03,abc\n2024-01-04,2\n');
    // One database for these cases (each its own symbol).
    const dataDir = migratedDataDir();

    it('a rejected row: 65, and the summary with exitCode and error is the one JSON document', () => {
      const strict = marketlens(dataDir, 'import', partialCsv(), '--symbol', 'PART', '--json');
      expect(strict.code, strict.stderr).toBe(65);
      expect(summaryOf(strict.stdout)).toMatchObject({
        inserted: 2,
        rejectedTotal: 1,
        exitCode: 65,
        error: { code: 'ROWS_REJECTED', exitCode: 65 },
      });
    });

    it('a rejected row with --allow-rejected: 0 and the plain summary', () => {
      const allowed = marketlens(dataDir, 'import', partialCsv(), '--symbol', 'PARTB', '--json', '--allow-rejected');
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(summaryOf(allowed.stdout)).not.toHaveProperty('exitCode');
    });

    it('a rejected row without --json: the summary on stdout, why it exits 65 on stderr', () => {
      const text = marketlens(dataDir, 'import', partialCsv(), '--symbol', 'PARTC');
      expect(text.code).toBe(65);
      expect(text.stdout).toMatch(/line 3: non-numeric value "abc"/);
      expect(text.stderr).toBe('marketlens: 1 row rejected, 2 stored (--allow-rejected accepts a partial import)\n');
    });

    it('every row rejected: 65 NOTHING_IMPORTED, even with --allow-rejected', () => {
      const file = csvFile('bad.csv', 'Date,Close\n2024-01-03,abc\n');
      const result = marketlens(dataDir, 'import', file, '--symbol', 'NONE', '--json', '--allow-rejected');
      expect(result.code).toBe(65);
      expect(summaryOf(result.stdout)).toMatchObject({ inserted: 0, error: { code: 'NOTHING_IMPORTED' } });
    });
  });

  it('says a directory is not a CSV file, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-cli-dir-'));
    const result = marketlens(freshDataDir(), 'import', dir, '--symbol', 'X');
    expect(result.code).toBe(66);
    expect(result.stderr).toBe(`marketlens: ${dir}: is a directory, not a CSV file\n`);
  });

  it('creates a user and an API key, printing the secrets once', () => {
    const dataDir = migratedDataDir();
    const user = marketlens(dataDir, 'users', 'create', '--email', 'ana@example.com', '--role', 'analyst', '--json');
    expect(user.code, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({
      user: { email: 'ana@example.com', role: 'analyst' },
      password: expect.any(String),
    });
    const again = marketlens(dataDir, 'users', 'create', '--email', 'ana@example.com', '--role', 'viewer');
    expect(again.stderr).toMatch(/exists/);
    const key = marketlens(
      dataDir,
      'apikeys',
      'create',
      '--email',
      'ana@example.com',
      '--name',
      'nightly',
      '--role',
      'analyst',
      '--json',
    );
    expect(JSON.parse(key.stdout)).toMatchObject({
      apiKey: { name: 'nightly', role: 'analyst' },
      secret: expect.stringMatching(/^mlk_/),
    });
    const tooHigh = marketlens(
      dataDir,
      'apikeys',
      'create',
      '--email',
      'ana@example.com',
      '--name',
      'x',
      '--role',
      'admin',
    );
    expect(tooHigh.code).toBe(65);
    expect(tooHigh.stderr).toMatch(/higher role than its owner/);
  });
});
