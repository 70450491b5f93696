import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { barsCsv, regimeBars } from '../../test/regime-fixtures';
import { migratedDataDir, runCli } from '../../test/run-cli';

const REFERENCE = fileURLToPath(new URL('../../../../../shared/reference/', import.meta.url));
const hasReference = existsSync(join(REFERENCE, 'synthetic_regimes_5000.csv'));

/** The real CLI; DATA_DIR points at a folder that does not exist (--csv must not need it). */
const marketlens = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

const tmp = () => mkdtempSync(join(tmpdir(), 'ml-regimes-cli-'));

describe('marketlens regimes fit', () => {
  it('fits a CSV with no database and no data dir, printing the summary table', () => {
    const dir = tmp();
    const file = join(dir, 'series.csv');
    writeFileSync(file, barsCsv(regimeBars(1000, 5)));
    const dataDir = join(dir, 'never-created', 'db');
    const { code, stdout, stderr } = marketlens(
      dataDir,
      'regimes',
      'fit',
      '--csv',
      file,
      '--states',
      '3',
      '--features',
      'logret,vol20',
      '--restarts',
      '2',
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/3 regimes on 981 feature rows/);
    expect(stdout).toMatch(/high vol/);
    expect(stdout).toMatch(/transition matrix/);
    expect(stdout).toMatch(/log-likelihood -?\d+\.\d+ +AIC .* BIC/);
    expect(stdout).toMatch(/iterations \d+ +converged (yes|no) +fit \d+\.\d+ s/);
    expect(existsSync(dataDir), '--csv must not create a data dir').toBe(false);
  });

  it('prints JSON with dates, path and probs aligned, and writes --out', () => {
    const dir = tmp();
    const file = join(dir, 'series.csv');
    writeFileSync(file, barsCsv(regimeBars(600, 6)));
    const out = join(dir, 'fit.json');
    const { code, stdout, stderr } = marketlens(
      join(dir, 'db'),
      'regimes',
      'fit',
      '--csv',
      file,
      '--states',
      'auto',
      '--features',
      'logret',
      '--restarts',
      '1',
      '--json',
      '--out',
      out,
    );
    expect(code, stderr).toBe(0);
    const fit = JSON.parse(stdout);
    expect(fit.dates).toHaveLength(600);
    expect(fit.path).toHaveLength(600);
    expect(fit.probs).toHaveLength(600);
    expect(fit.probs[0]).toHaveLength(fit.states.length);
    expect(fit.bicByK.map((c: { states: number }) => c.states)).toEqual([2, 3, 4, 5, 6]);
    expect(fit.states[0]).toEqual(
      expect.objectContaining({ name: expect.any(String), mean: expect.any(Number), vol: expect.any(Number) }),
    );
    expect(JSON.parse(readFileSync(out, 'utf8')).model.version).toBe(1);
  });

  it('reports a malformed file and bad options in one line with an exit code', () => {
    const dir = tmp();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'Date,Price2\n2024-01-02,10\n');
    const bad = marketlens(join(dir, 'db'), 'regimes', 'fit', '--csv', file);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/bad\.csv: line 1: missing/);
    const k = marketlens(join(dir, 'db'), 'regimes', 'fit', '--csv', file, '--states', '12');
    expect(k.code).not.toBe(0);
    const neither = marketlens(join(dir, 'db'), 'regimes', 'fit');
    expect(neither.code).toBe(64);
    expect(neither.stderr).toMatch(/--symbol or --csv/);
  });

  it('fits stored bars with --symbol and saves the fit', () => {
    const dir = tmp();
    const dataDir = migratedDataDir('ml-regimes-cli-');
    const file = join(dir, 'bars.csv');
    writeFileSync(file, barsCsv(regimeBars(500, 8)));
    const imported = marketlens(dataDir, 'import', file, '--symbol', 'CLISYM', '--kind', 'index');
    expect(imported.code, imported.stderr).toBe(0);
    const { code, stdout, stderr } = marketlens(
      dataDir,
      'regimes',
      'fit',
      '--symbol',
      'clisym',
      '--states',
      '2',
      '--features',
      'logret',
      '--restarts',
      '1',
      '--json',
    );
    expect(code, stderr).toBe(0);
    const fit = JSON.parse(stdout);
    expect(fit.fitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fit.path).toHaveLength(500);
    const unknown = marketlens(dataDir, 'regimes', 'fit', '--symbol', 'NOPE');
    expect(unknown.code).toBe(66);
    expect(unknown.stderr).toMatch(/NOPE not found/);
    // Three CLI processes, each opening the embedded database: 30 s was not enough on a loaded CI machine.
  }, 120_000);

  describe.skipIf(!hasReference)(
    `matches hmmlearn's fixed-init reference${hasReference ? '' : ' (skipped: needs ../shared/reference)'}`,
    () => {
      it('reproduces synth5000_k3_diag_logret_fit50_mle: final log-likelihood and Viterbi path', () => {
        // ../shared/reference/README.md §4: fixed init, raw features, covars_prior 0, exactly 50 iterations.
        const reference = JSON.parse(
          readFileSync(join(REFERENCE, 'hmmlearn/synth5000_k3_diag_logret_fit50_mle.json'), 'utf8'),
        );
        const { code, stdout, stderr } = marketlens(
          join(tmp(), 'db'),
          'regimes',
          'fit',
          '--csv',
          join(REFERENCE, 'synthetic_regimes_5000.csv'),
          '--init',
          join(REFERENCE, 'hmmlearn/init_k3_diag_logret.json'),
          '--features',
          'logret',
          '--cov',
          'diag',
          '--tol',
          '-inf',
          '--max-iter',
          '50',
          '--covars-prior',
          '0',
          '--json',
        );
        expect(code, stderr).toBe(0);
        const fit = JSON.parse(stdout);
        expect(fit.nIter).toBe(50);
        const relative = Math.abs(fit.logLikelihood - reference.final.loglik) / Math.abs(reference.final.loglik);
        expect(relative, `${fit.logLikelihood} vs ${reference.final.loglik}`).toBeLessThanOrEqual(1e-6);
        expect(fit.path).toHaveLength(reference.final.viterbi_path.length);
        expect(fit.path).toEqual(reference.final.viterbi_path);
        expect(fit.dates[0].slice(0, 10)).toBe(reference.data.first_date);
      });
    },
  );
});
