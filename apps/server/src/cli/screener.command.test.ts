import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCREEN_METRICS } from '@marketlens/quant';
import { migratedDataDir, runCli } from '../../test/run-cli';

// `marketlens screener run` and `marketlens universe import` as a user runs them: the JSON contract, exit codes,
// and metrics checked against a calculation written here from the raw CSV (not through quant).

const SHARED = fileURLToPath(new URL('../../../../../shared/data', import.meta.url));
const hasShared = existsSync(`${SHARED}/stocks_meta/companylist.csv`) && existsSync(`${SHARED}/etfs/IWM.csv`);
const dir = mkdtempSync(join(tmpdir(), 'ml-screener-cli-'));
// `universe import` writes to the database; `screener run` reads files only.
const dataDir = migratedDataDir('ml-screener-cli-');
const run = (...args: string[]) => runCli(dataDir, args);

type Row = Record<string, number | string | null>;

/** Small files made here, so the contract is checked on any machine. */
function tinyFixture(): { listing: string; prices: string } {
  const prices = join(dir, 'tiny-prices');
  mkdirSync(prices, { recursive: true });
  const days = (n: number, close: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => {
      const d = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const c = close(i);
      return `${d},${c},${c * 1.01},${c * 0.99},${c},${1000 + i}`;
    });
  writeFileSync(
    join(prices, 'LONG.csv'),
    ['Date,Open,High,Low,Close,Volume', ...days(300, (i) => 10 + i * 0.1)].join('\n'),
  );
  writeFileSync(join(prices, 'short.csv'), ['Date,Open,High,Low,Close,Volume', ...days(30, () => 5)].join('\n'));
  const listing = join(dir, 'tiny-listing.csv');
  writeFileSync(
    listing,
    'Symbol,Name,LastSale,MarketCap,IPOyear,Sector,Industry\nLONG,Long Co,30,$5B,n/a,Technology,Software\n' +
      'SHORT,Short Co,5,$100M,n/a,Finance,Banks\nNOFILE,No File,1,$1B,n/a,Energy,Oil\n',
  );
  return { listing, prices };
}

describe('marketlens screener run (files made here)', { timeout: 60_000 }, () => {
  const { listing, prices } = tinyFixture();
  const asOf = '2020-10-26'; // bar 299 of LONG, bar 29 of SHORT is 2020-01-30

  it('prints every symbol with a price file, with nulls where history is short, without applying universe rules', () => {
    const result = run('screener', 'run', '--universe', listing, '--prices', prices, '--as-of', asOf, '--json');
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { asOf: string; rows: Row[] };
    expect(Object.keys(out)).toEqual(['asOf', 'rows']);
    expect(out.asOf).toBe(asOf);
    expect(
      out.rows.map((r) => r.symbol),
      'NOFILE has no price file; $5B and $100M are not filtered out',
    ).toEqual(['LONG', 'SHORT']);
    const [long, short] = out.rows as [Row, Row];
    for (const key of ['symbol', 'sector', 'marketCap', ...SCREEN_METRICS]) expect(long).toHaveProperty(key);
    expect(long.marketCap).toBe(5e9);
    expect(long.ret3m).toBeCloseTo((10 + 299 * 0.1) / (10 + 236 * 0.1) - 1, 12);
    expect(long.ret1y, '300 bars: enough for 252').not.toBeNull();
    expect(short.ret1w, 'SHORT last traded 2020-01-30: metrics as of its last bar').toBe(0);
    expect(short.ret3m, 'SHORT has 30 bars: too few for 63').toBeNull();
    expect(short.sma200Dist).toBeNull();
    expect(long.rs3m, 'no IWM.csv: no benchmark').toBeNull();
  });

  it('filters and sorts with the screen language', () => {
    const result = run(
      'screener',
      'run',
      '--universe',
      listing,
      '--prices',
      prices,
      '--as-of',
      asOf,
      '--filter',
      'sector in ("Finance") or marketCap > 1e9',
      '--sort',
      'marketCap',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { rows: Row[] }).rows.map((r) => r.symbol)).toEqual(['SHORT', 'LONG']);
  });

  it('lists a symbol with no bar on or before as-of with null metrics', () => {
    const result = run('screener', 'run', '--universe', listing, '--prices', prices, '--as-of', '2019-06-01', '--json');
    expect(result.code, result.stderr).toBe(0);
    const rows = (JSON.parse(result.stdout) as { rows: Row[] }).rows;
    expect(rows).toHaveLength(2);
    for (const row of rows) for (const m of SCREEN_METRICS) expect(row[m], `${row.symbol} ${m}`).toBeNull();
  });

  it('answers errors in words with exit codes, as JSON with --json', () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['--as-of', '2020-13-01'], 64, /--as-of: a date as YYYY-MM-DD, got "2020-13-01"/],
      [['--as-of', asOf, '--filter', 'ret3m >'], 64, /--filter: filter "ret3m >" at position \d+: expected /],
      [['--as-of', asOf, '--sort', '-bogus'], 64, /--sort: /],
    ];
    for (const [extra, code, message] of cases) {
      const result = run('screener', 'run', '--universe', listing, '--prices', prices, ...extra, '--json');
      expect(result.code, result.stdout).toBe(code);
      const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string; exitCode: number } };
      expect(error.exitCode).toBe(code);
      expect(error.message).toMatch(message);
    }
    const noDir = run(
      'screener',
      'run',
      '--universe',
      listing,
      '--prices',
      join(dir, 'nope'),
      '--as-of',
      asOf,
      '--json',
    );
    expect(noDir.code).toBe(66);
    expect(JSON.parse(noDir.stdout).error.message).toMatch(/--prices: cannot read folder/);
    const notListing = run(
      'screener',
      'run',
      '--universe',
      join(prices, 'LONG.csv'),
      '--prices',
      prices,
      '--as-of',
      asOf,
    );
    expect(notListing.code).toBe(65);
    expect(notListing.stderr).toMatch(/LONG\.csv: line 1: no Symbol column/);
    const missing = run('screener', 'run', '--prices', prices, '--as-of', asOf, '--json');
    expect(missing.code).toBe(64);
    expect(JSON.parse(missing.stdout).error.code).toBe('USAGE');
  });

  it('documents the flags, the JSON fields and the exit codes in --help', () => {
    const help = run('screener', 'run', '--help');
    expect(help.code).toBe(0);
    for (const text of [
      '--universe',
      '--prices',
      '--as-of',
      '--filter',
      '--sort',
      '--benchmark',
      '--json',
      '"asOf"',
      'Exit codes',
      '64',
      '65',
      '66',
    ]) {
      expect(help.stdout).toContain(text);
    }
  });
});

// ---- real files -------------------------------------------------------------------------------------------

interface Daily {
  date: string[];
  high: number[];
  low: number[];
  close: number[];
}

function readDaily(file: string): Daily {
  const out: Daily = { date: [], high: [], low: [], close: [] };
  for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [date, , high, low, close] = line.split(',');
    out.date.push(date!);
    out.high.push(Number(high));
    out.low.push(Number(low));
    out.close.push(Number(close));
  }
  return out;
}

describe.skipIf(!hasShared)(
  `marketlens screener run on real files${hasShared ? '' : ' (skipped: ../shared/data is absent)'}`,
  { timeout: 120_000 },
  () => {
    const prices = join(dir, 'real-prices');
    if (hasShared) {
      mkdirSync(prices, { recursive: true });
      for (const f of readdirSync(`${SHARED}/stocks`)) copyFileSync(`${SHARED}/stocks/${f}`, join(prices, f));
      copyFileSync(`${SHARED}/etfs/IWM.csv`, join(prices, 'IWM.csv'));
    }
    const listing = `${SHARED}/stocks_meta/companylist.csv`;
    const asOf = '2017-11-10';

    it('screens the 32 stocks as of their last day; metrics match a calculation from the raw CSV', () => {
      const result = run(
        'screener',
        'run',
        '--universe',
        listing,
        '--prices',
        prices,
        '--as-of',
        asOf,
        '--sort',
        '-ret3m',
        '--json',
      );
      expect(result.code, result.stderr).toBe(0);
      const { rows } = JSON.parse(result.stdout) as { rows: Row[] };
      expect(rows).toHaveLength(32);
      const ret3m = rows.map((r) => r.ret3m as number);
      expect(
        [...ret3m].sort((a, b) => b - a),
        'sorted by -ret3m',
      ).toEqual(ret3m);

      const iwm = readDaily(join(prices, 'IWM.csv'));
      const iwmRet3m = iwm.close.at(-1)! / iwm.close.at(-64)! - 1;
      for (const symbol of ['DDS', 'CBK', 'ARL', 'SHW']) {
        const d = readDaily(join(prices, `${symbol}.csv`));
        const t = d.close.length - 1;
        const row = rows.find((r) => r.symbol === symbol)!;
        const expectedRet3m = d.close[t]! / d.close[t - 63]! - 1;
        expect(row.ret3m, `${symbol} ret3m`).toBeCloseTo(expectedRet3m, 10);
        expect(row.rs3m, `${symbol} rs3m = ret3m - IWM's`).toBeCloseTo(expectedRet3m - iwmRet3m, 10);
        const sma50 = d.close.slice(t - 49, t + 1).reduce((a, b) => a + b, 0) / 50;
        expect(row.sma50Dist, `${symbol} sma50Dist`).toBeCloseTo(d.close[t]! / sma50 - 1, 10);
        const high = Math.max(...d.high.slice(t - 251, t + 1));
        expect(row.high52wDist, `${symbol} high52wDist`).toBeCloseTo(d.close[t]! / high - 1, 10);
        const logs = d.close
          .slice(t - 63, t + 1)
          .map((c, i, a) => (i === 0 ? 0 : Math.log(c / a[i - 1]!)))
          .slice(1);
        const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
        const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
        expect(row.vol63, `${symbol} vol63`).toBeCloseTo(sd * Math.sqrt(252), 10);
        expect(row.price).toBe(d.close[t]);
      }
      const dds = rows.find((r) => r.symbol === 'DDS')!;
      expect(dds).toMatchObject({ sector: 'Consumer Services', name: "Dillard's, Inc." });
    });

    it('uses only bars up to and including as-of; a stock that had not listed yet has null metrics', () => {
      const result = run(
        'screener',
        'run',
        '--universe',
        listing,
        '--prices',
        prices,
        '--as-of',
        '2006-03-01',
        '--filter',
        'marketCap between 3e8 and 2e9',
        '--json',
      );
      expect(result.code, result.stderr).toBe(0);
      const { rows } = JSON.parse(result.stdout) as { rows: Row[] };
      expect(rows.every((r) => (r.marketCap as number) >= 3e8 && (r.marketCap as number) <= 2e9)).toBe(true);
      const cpg = rows.find((r) => r.symbol === 'CPG');
      if (cpg) expect(cpg.ret1w, 'CPG starts 2006-07-21').toBeNull();
      const gff = readDaily(join(prices, 'GFF.csv'));
      const t = gff.date.lastIndexOf(gff.date.filter((d) => d <= '2006-03-01').at(-1)!);
      const row = rows.find((r) => r.symbol === 'GFF');
      if (row) expect(row.price).toBe(gff.close[t]);
    });

    it('imports companylist.csv as a universe with the default rules (universe import)', () => {
      const result = run('universe', 'import', listing, '--name', 'nyse', '--json');
      expect(result.code, result.stderr).toBe(0);
      const out = JSON.parse(result.stdout) as {
        universe: { name: string; listed: number; members: number };
        layout: string;
      };
      expect(out.layout).toBe('nasdaq-companylist');
      expect(out.universe.name).toBe('nyse');
      expect(out.universe.listed).toBeGreaterThan(3000);
      expect(out.universe.members).toBeGreaterThan(300);
      expect(out.universe.members).toBeLessThan(out.universe.listed);
    });
  },
);
