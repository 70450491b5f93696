import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { barsCsv, regimeBars } from '../../test/regime-fixtures';

// `marketlens forecasts train --csv` as a user runs it: a separate process, no server, no database.

const BIN = fileURLToPath(new URL('../../bin/marketlens.mjs', import.meta.url));
const BTC = fileURLToPath(new URL('../../../../../shared/data/crypto/BTC-USD_daily_2014-2022.csv', import.meta.url));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'forecasts', 'train', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const METRICS = ['rmse', 'mae', 'directionalAccuracy', 'intervalCoverage', 'sharpe'] as const;

describe('marketlens forecasts train', () => {
  it('evaluates a CSV walk-forward and prints the model beside its baseline as JSON', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ml-fc-cli-')), 'bars.csv');
    writeFileSync(file, barsCsv(regimeBars(500, 9)));
    const run = cli('--csv', file, '--model', 'naive', '--horizon', '2', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ model: 'last', horizon: 2, baseline: { name: 'zero' } });
    expect(out.folds).toBeGreaterThanOrEqual(5);
  });

  it('names the problem and exits non-zero on bad input', () => {
    expect(cli('--csv', '/nonexistent.csv').stderr).toContain('file not found');
    const both = cli('--csv', 'a.csv', '--symbol', 'X');
    expect(both.code).toBe(64);
    expect(cli('--csv', 'a.csv', '--horizon', '40').stderr).toContain('--horizon');
  });

  it.skipIf(!existsSync(BTC))(
    `trains ridge on the real BTC daily series: finite metrics, baseline recorded${existsSync(BTC) ? '' : ` (skipped: ${BTC} is absent)`}`,
    () => {
      const run = cli('--csv', BTC, '--model', 'ridge', '--json');
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({ model: 'ridge', horizon: 1, baseline: { name: 'zero' } });
      expect(out.metrics.n).toBeGreaterThan(1000);
      for (const key of METRICS) {
        expect(Number.isFinite(out.metrics[key]), key).toBe(true);
        expect(Number.isFinite(out.baseline.metrics[key]), `baseline ${key}`).toBe(true);
      }
    },
  );
});
