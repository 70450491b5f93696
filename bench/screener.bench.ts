// Screener (issue 11): (a) runScreen, a filter of five conditions + a sort + a page of 100, over 10,000 rows x 40
// number columns (+ 6 text columns) of synthetic but realistically distributed snapshot data (our seeded RNG,
// seed 11), next to peers doing the same screen over the same rows as objects in the same run: a hand-written
// Array.filter + sort (no parsing at all: the best a naive row-object screen can do) and mingo (npm, MongoDB
// query language over objects; installed on demand into bench/.peers, git-ignored, like the HMM bench's peer).
// (b) the screen metrics of 3,000 symbols x 2,520 daily bars (ten years): every metric for every date
// (screenMetricsSeries, what a rebuild of past snapshots runs) and for the last date only (computeScreenMetrics,
// what a daily snapshot runs), against the 60 s bar of the issue; and, extrapolated from a few symbols, what the
// single-date function would cost date by date for all dates (O(n^2) per symbol), the reason for the series form.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  computeScreenMetrics,
  createSeededRandom,
  runScreen,
  SCREEN_FIELDS,
  SCREEN_METRICS,
  SCREEN_PRESETS,
  screenMetricsSeries,
  type DailyColumns,
  type ScreenTable,
  type SeededRandom,
} from '@marketlens/quant';

const ROWS = Number(process.env.BENCH_SCREEN_ROWS ?? 10_000);
const SCREEN_RUNS = 200;
const SCREEN_WARMUPS = 20;
const SCREEN_TARGET_MS = 50;
const SYMBOLS = Number(process.env.BENCH_SCREEN_SYMBOLS ?? 3_000);
const BARS = 2_520;
/** Distinct synthetic symbols, cycled to SYMBOLS: 24 MB of columns instead of 240 MB, the same work per symbol. */
const DISTINCT = 300;
const METRICS_TARGET_S = 60;
const PEER_DIR = new URL('./.peers/mingo/', import.meta.url).pathname;

const FILTER =
  'marketCap between 3e8 and 2e9 and ret3m > 0.15 and rsi14 between 40 and 80 and relVol > 1 and sector in ("Technology", "Health Care")';
const SORT = '-ret3m';
const LIMIT = 100;

const SECTORS = ['Technology', 'Health Care', 'Industrials', 'Financials', 'Energy', 'Consumer Services', 'Utilities'];
const EXCHANGES = ['NYSE', 'NASDAQ', 'AMEX'];
const REGIMES = ['bull', 'bear', 'sideways'];

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** A value drawn the way the field is distributed across a small-cap universe; NaN (missing) now and then. */
function draw(random: SeededRandom, name: string): number {
  const missing = name.startsWith('x') ? 0 : /Growth|Margin|Ratio|shares|short/.test(name) ? 0.15 : 0.03;
  if (random.next() < missing) return Number.NaN;
  const z = random.normal();
  const horizon: Record<string, number> = { ret1w: 5, ret1m: 21, ret3m: 63, ret6m: 126, ret1y: 252, rs3m: 63 };
  if (name in horizon) return Math.exp(0.5 * Math.sqrt(horizon[name]! / 252) * z) - 1;
  switch (name) {
    case 'marketCap':
      return Math.exp(20.5 + 1.2 * z);
    case 'price':
    case 'avgVol20':
    case 'sharesFloat':
      return Math.exp((name === 'price' ? 3 : 12.5) + 1.1 * z);
    case 'rsi14':
      return Math.min(100, Math.max(0, 50 + 12 * z));
    case 'relVol':
      return Math.exp(0.45 * z);
    case 'regimeProb':
    case 'score':
      return random.next() * (name === 'score' ? 100 : 1);
    case 'maxDd1y':
      return Math.min(0.95, Math.abs(0.3 * z));
    case 'high52wDist':
      return -Math.min(0.95, Math.abs(0.2 * z));
    default:
      return 0.1 * z;
  }
}

function syntheticTable(rows: number, random: SeededRandom): ScreenTable {
  const numberNames = SCREEN_FIELDS.filter((f) => f.type === 'number').map((f) => f.name);
  for (let k = 1; numberNames.length < 40; k++) numberNames.push(`x${k}`);
  const table: ScreenTable = { size: rows, numbers: {}, texts: {} };
  for (const name of numberNames) table.numbers[name] = Float64Array.from({ length: rows }, () => draw(random, name));
  const pick =
    (values: string[], missing = 0) =>
    () =>
      random.next() < missing ? null : values[random.int(values.length)]!;
  const text = (f: () => string | null) => Array.from({ length: rows }, f);
  table.texts.symbol = Array.from({ length: rows }, (_, i) => `S${((i * 7919) % rows).toString(36).toUpperCase()}`);
  table.texts.name = table.texts.symbol.map((s) => `${s} Holdings`);
  table.texts.sector = text(pick(SECTORS, 0.02));
  table.texts.industry = table.texts.sector.map((s) => (s === null ? null : `${s} ${random.int(4)}`));
  table.texts.exchange = text(pick(EXCHANGES));
  table.texts.regime = text(pick(REGIMES, 0.1));
  return table;
}

type Row = Record<string, number | string | null>;

function rowObjects(table: ScreenTable, nullForMissing: boolean): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < table.size; i++) {
    const row: Row = {};
    for (const [name, column] of Object.entries(table.numbers)) {
      const v = column[i]!;
      row[name] = Number.isNaN(v) && nullForMissing ? null : v;
    }
    for (const [name, column] of Object.entries(table.texts)) row[name] = column[i]!;
    rows.push(row);
  }
  return rows;
}

/** The same screen written by hand over objects: missing numbers are NaN, so every comparison with one is false. */
function naiveScreen(rows: Row[]): Row[] {
  const sectors = new Set(['technology', 'health care']);
  const n = (r: Row, k: string) => r[k] as number;
  const hits = rows.filter(
    (r) =>
      n(r, 'marketCap') >= 3e8 &&
      n(r, 'marketCap') <= 2e9 &&
      n(r, 'ret3m') > 0.15 &&
      n(r, 'rsi14') >= 40 &&
      n(r, 'rsi14') <= 80 &&
      n(r, 'relVol') > 1 &&
      r.sector !== null &&
      sectors.has((r.sector as string).toLowerCase()),
  );
  hits.sort((a, b) => {
    const x = n(a, 'ret3m');
    const y = n(b, 'ret3m');
    if (x !== y) return y - x;
    const s = (a.symbol as string).toLowerCase();
    const t = (b.symbol as string).toLowerCase();
    return s < t ? -1 : s > t ? 1 : 0;
  });
  return hits.slice(0, LIMIT);
}

type MingoQuery = new (criteria: object) => {
  find(rows: Row[]): { sort(s: object): { skip(n: number): { limit(n: number): { all(): Row[] } } } };
};

function loadMingo(): MingoQuery | null {
  try {
    if (!existsSync(`${PEER_DIR}node_modules/mingo`)) {
      mkdirSync(PEER_DIR, { recursive: true });
      console.log('installing mingo@7 into bench/.peers (once) ...');
      execFileSync('npm', ['install', '--prefix', PEER_DIR, '--no-save', '--no-audit', '--no-fund', 'mingo@7'], {
        stdio: 'ignore',
      });
    }
    return (createRequire(`${PEER_DIR}index.js`)('mingo') as { Query: MingoQuery }).Query;
  } catch (err) {
    console.log(`mingo: not available (${(err as Error).message.split('\n')[0]}), peer skipped`);
    return null;
  }
}

function timeMs(run: () => unknown, runs: number, warmUps: number): { median: number; p95: number; first: number } {
  const t0 = performance.now();
  run();
  const first = performance.now() - t0;
  for (let i = 1; i < warmUps; i++) run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    ms.push(performance.now() - start);
  }
  return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95), first };
}

function benchScreen(): void {
  const table = syntheticTable(ROWS, createSeededRandom(11));
  const numbers = Object.keys(table.numbers).length;
  console.log(
    `\n## Screener: runScreen (${ROWS.toLocaleString('en')} rows x ${numbers} number + ${Object.keys(table.texts).length} text columns, median and p95 of ${SCREEN_RUNS} runs)`,
  );
  const query = { filter: FILTER, sort: SORT, offset: 0, limit: LIMIT };
  const ours = runScreen(table, query);
  const ourSymbols = Array.from(ours.rows, (i) => table.texts.symbol![i]);
  const t = timeMs(() => runScreen(table, query), SCREEN_RUNS, SCREEN_WARMUPS);
  const verdict = t.p95 < SCREEN_TARGET_MS ? 'met' : 'NOT met';
  console.log(`filter: ${FILTER}; sort ${SORT}; page of ${LIMIT}: ${ours.total} rows pass`);
  console.log(
    `runScreen (parse + columnwise filter + sort + page): median ${t.median.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms, first call ${t.first.toFixed(1)} ms (target < ${SCREEN_TARGET_MS} ms: ${verdict})`,
  );
  for (const preset of SCREEN_PRESETS) {
    const p = timeMs(() => runScreen(table, { filter: preset.filter, sort: preset.sort, limit: LIMIT }), 50, 5);
    const total = runScreen(table, { filter: preset.filter }).total;
    console.log(
      `  preset ${preset.id}: median ${p.median.toFixed(2)} ms, p95 ${p.p95.toFixed(2)} ms (${total} rows pass)`,
    );
  }

  const objects = rowObjects(table, false);
  const naive = naiveScreen(objects);
  const same = naive.length === ourSymbols.length && naive.every((r, i) => r.symbol === ourSymbols[i]);
  const tn = timeMs(() => naiveScreen(objects), SCREEN_RUNS, SCREEN_WARMUPS);
  console.log(
    `hand-written Array.filter + sort over row objects: median ${tn.median.toFixed(2)} ms, p95 ${tn.p95.toFixed(2)} ms; runScreen / it: ${(t.median / tn.median).toFixed(2)}x; same page: ${same}`,
  );
  const Query = loadMingo();
  if (Query !== null) {
    const withNulls = rowObjects(table, true);
    const criteria = {
      marketCap: { $gte: 3e8, $lte: 2e9 },
      ret3m: { $gt: 0.15 },
      rsi14: { $gte: 40, $lte: 80 },
      relVol: { $gt: 1 },
      sector: { $in: ['Technology', 'Health Care'] },
    };
    const mingoPage = () =>
      new Query(criteria).find(withNulls).sort({ ret3m: -1, symbol: 1 }).skip(0).limit(LIMIT).all();
    const m = mingoPage();
    const mingoSame = m.length === ourSymbols.length && m.every((r, i) => r.symbol === ourSymbols[i]);
    const tm = timeMs(mingoPage, 30, 3);
    console.log(
      `mingo 7 (Query.find + sort + limit over row objects): median ${tm.median.toFixed(2)} ms, p95 ${tm.p95.toFixed(2)} ms; runScreen / mingo: ${(t.median / tm.median).toFixed(3)}x; same page: ${mingoSame}`,
    );
  }
}

/** A symbol's ten years: a random walk with its own drift and volatility, ranges and volumes around it. */
function syntheticDaily(random: SeededRandom): DailyColumns {
  const close = new Float64Array(BARS);
  const high = new Float64Array(BARS);
  const low = new Float64Array(BARS);
  const volume = new Float64Array(BARS);
  const sigma = 0.01 + 0.04 * random.next();
  const drift = 0.0004 * random.normal();
  let price = Math.exp(1 + 3 * random.next());
  const baseVolume = Math.exp(11 + 2 * random.normal());
  for (let i = 0; i < BARS; i++) {
    price *= Math.exp(drift + sigma * random.normal());
    close[i] = price;
    high[i] = price * (1 + Math.abs(sigma * 0.6 * random.normal()));
    low[i] = price * (1 - Math.min(0.5, Math.abs(sigma * 0.6 * random.normal())));
    volume[i] = random.next() < 0.002 ? 0 : Math.round(baseVolume * Math.exp(0.5 * random.normal()));
  }
  return { close, high, low, volume };
}

function benchMetrics(): void {
  const random = createSeededRandom(11);
  const symbols = Array.from({ length: DISTINCT }, () => syntheticDaily(random));
  const benchmark = new Float64Array(BARS).fill(0.02);
  console.log(
    `\n## Screener: metrics of ${SYMBOLS.toLocaleString('en')} symbols x ${BARS.toLocaleString('en')} daily bars (${DISTINCT} distinct synthetic series, cycled)`,
  );
  let check = 0;
  // Warm-up: one pass over the distinct series of each form.
  for (const s of symbols) check += screenMetricsSeries(s, benchmark).ret3m[BARS - 1]!;
  for (const s of symbols) check += computeScreenMetrics(s, BARS - 1, 0.02).ret3m!;

  let t0 = performance.now();
  let defined = 0;
  for (let k = 0; k < SYMBOLS; k++) {
    const series = screenMetricsSeries(symbols[k % DISTINCT]!, benchmark);
    for (const name of SCREEN_METRICS) if (!Number.isNaN(series[name][BARS - 1]!)) defined += 1;
  }
  const seriesSeconds = (performance.now() - t0) / 1000;
  console.log(
    `screenMetricsSeries, all ${SCREEN_METRICS.length} metrics at every date: ${seriesSeconds.toFixed(2)} s (${((seriesSeconds / SYMBOLS) * 1000).toFixed(2)} ms a symbol, ${((SYMBOLS * BARS) / seriesSeconds / 1e6).toFixed(1)} M symbol-dates/s); ${(seriesSeconds / METRICS_TARGET_S).toFixed(3)} of the ${METRICS_TARGET_S} s bar (${seriesSeconds < METRICS_TARGET_S ? 'met' : 'NOT met'})`,
  );

  t0 = performance.now();
  for (let k = 0; k < SYMBOLS; k++) check += computeScreenMetrics(symbols[k % DISTINCT]!, BARS - 1, 0.02).vol63!;
  const singleSeconds = (performance.now() - t0) / 1000;
  console.log(
    `computeScreenMetrics, the last date only: ${singleSeconds.toFixed(2)} s (${((singleSeconds / SYMBOLS) * 1000).toFixed(2)} ms a symbol); ${(singleSeconds / METRICS_TARGET_S).toFixed(4)} of the ${METRICS_TARGET_S} s bar (${singleSeconds < METRICS_TARGET_S ? 'met' : 'NOT met'})`,
  );

  const sample = 3;
  t0 = performance.now();
  for (let k = 0; k < sample; k++)
    for (let t = 0; t < BARS; t++) check += computeScreenMetrics(symbols[k]!, t, null).ret1w ?? 0;
  const perSymbol = (performance.now() - t0) / 1000 / sample;
  console.log(
    `computeScreenMetrics date by date for every date (O(n^2)), extrapolated from ${sample} symbols: ${(perSymbol * SYMBOLS).toFixed(0)} s, ${((perSymbol * SYMBOLS) / seriesSeconds).toFixed(0)}x the series form`,
  );
  console.log(`(check ${check.toFixed(3)}, ${defined} defined last-date values)`);
}

export async function runScreenerBenchmark(): Promise<void> {
  benchScreen();
  benchMetrics();
  return Promise.resolve();
}
