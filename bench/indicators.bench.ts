// Indicators: RSI(14) + EMA(20) + MACD(12,26,9) + BB(20,2) + ATR(14) together over 1,000,000 synthetic
// one-minute bars (our regime-switching generator, seed 7, deterministic), ours as batch functions over
// Float64Array columns (into reused output arrays, and into fresh ones) and as streaming classes fed bar by
// bar, next to trading-signals on the same bars in the same process. trading-signals 8.3 has no `Faster*`
// classes any more: v7 dropped big.js and kept only the number-based implementations under the plain names
// (bennycode/trading-signals#849), so its plain classes are its fastest. It is a devDependency of
// packages/quant, resolved from the root node_modules.
import {
  ATR,
  BollingerBands,
  computeATR,
  computeBollingerBands,
  computeEMA,
  computeMACD,
  computeRSI,
  EMA,
  generateSyntheticBars,
  MACD,
  RSI,
  toBarColumns,
  type BarColumns,
  type OhlcvBar,
} from '@marketlens/quant';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  ATR as TsATR,
  BollingerBands as TsBollingerBands,
  EMA as TsEMA,
  MACD as TsMACD,
  RSI as TsRSI,
} from 'trading-signals';

const BARS = Number(process.env.BENCH_INDICATOR_BARS ?? 1_000_000);
const RUNS = 7; // median of these, after the warm-up runs
const PEER_RUNS = 3;
// Two untimed runs first: the first runs in V8's interpreter and baseline tiers, which box every double
// (hundreds of MB of garbage per run), so one warm-up run leaves the second still half-optimised.
const WARMUP_RUNS = 2;
const TARGET_BARS_PER_S = 5_000_000;

/** One way of computing indicators over all bars; returns a value of the result so nothing is optimised away. */
type Engine = (bars: readonly OhlcvBar[], columns: BarColumns) => number;

const INDICATORS = ['RSI(14)', 'EMA(20)', 'MACD(12,26,9)', 'BB(20,2)', 'ATR(14)'] as const;
type IndicatorName = (typeof INDICATORS)[number];
type Column = 'all five' | IndicatorName;
const COLUMNS: readonly Column[] = ['all five', ...INDICATORS];

/**
 * The batch forms, writing into the arrays of `out` when given (allocated once, as a backtest or an engine
 * recomputing every bar would), else into fresh arrays on every call.
 */
function batchEngines(n: number, reuse: boolean): Record<Column, Engine> {
  const a = () => (reuse ? new Float64Array(n) : undefined);
  const out = { rsi: a(), ema: a(), atr: a() };
  const macd = reuse ? { macd: a()!, signal: a()!, histogram: a()! } : undefined;
  const bb = reuse ? { middle: a()!, upper: a()!, lower: a()! } : undefined;
  const each: Record<IndicatorName, Engine> = {
    'RSI(14)': (_, c) => computeRSI(c.close, 14, out.rsi).at(-1)!,
    'EMA(20)': (_, c) => computeEMA(c.close, 20, out.ema).at(-1)!,
    'MACD(12,26,9)': (_, c) => computeMACD(c.close, 12, 26, 9, macd).histogram.at(-1)!,
    'BB(20,2)': (_, c) => computeBollingerBands(c.close, 20, 2, bb).upper.at(-1)!,
    'ATR(14)': (_, c) => computeATR(c, 14, out.atr).at(-1)!,
  };
  return { 'all five': (b, c) => INDICATORS.reduce((sum, name) => sum + each[name](b, c), 0), ...each };
}

/** A streaming engine: one fresh instance per run, fed bar by bar. */
function streaming<T>(create: () => T, add: (ind: T, bar: OhlcvBar) => unknown): Engine {
  return (bars) => {
    const ind = create();
    let last: unknown = null;
    for (let i = 0; i < bars.length; i++) last = add(ind, bars[i]!);
    return last === null ? 0 : 1;
  };
}

/**
 * The streaming classes, and all five in one pass over the bars as a signal engine runs them: a fixed set of
 * instances, each call site seeing one class (a loop over an array of closures would measure V8's
 * megamorphic calls instead). The same shape for ours and for trading-signals.
 */
function streamingEngines(lib: {
  rsi: () => { add(v: number): unknown };
  ema: () => { add(v: number): unknown };
  macd: () => { add(v: number): unknown };
  bb: () => { add(v: number): unknown };
  atr: () => { add(b: OhlcvBar): unknown };
}): Record<Column, Engine> {
  return {
    'all five': (bars) => {
      const [rsi, ema, macd, bb, atr] = [lib.rsi(), lib.ema(), lib.macd(), lib.bb(), lib.atr()];
      let last: unknown = null;
      for (let i = 0; i < bars.length; i++) {
        const bar = bars[i]!;
        rsi.add(bar.close);
        ema.add(bar.close);
        macd.add(bar.close);
        bb.add(bar.close);
        last = atr.add(bar);
      }
      return last === null ? 0 : 1;
    },
    'RSI(14)': streaming(lib.rsi, (r, b) => r.add(b.close)),
    'EMA(20)': streaming(lib.ema, (e, b) => e.add(b.close)),
    'MACD(12,26,9)': streaming(lib.macd, (m, b) => m.add(b.close)),
    'BB(20,2)': streaming(lib.bb, (bb, b) => bb.add(b.close)),
    'ATR(14)': streaming(lib.atr, (a, b) => a.add(b)),
  };
}

const ours = streamingEngines({
  rsi: () => new RSI(14),
  ema: () => new EMA(20),
  macd: () => new MACD(12, 26, 9),
  bb: () => new BollingerBands(20, 2),
  atr: () => new ATR(14),
});
const peer = streamingEngines({
  rsi: () => new TsRSI(14),
  ema: () => new TsEMA(20),
  macd: () => new TsMACD(new TsEMA(12), new TsEMA(26), new TsEMA(9)),
  bb: () => new TsBollingerBands(20, 2),
  atr: () => new TsATR(14),
});

interface Timing {
  /** Wall-clock seconds: median and best run. */
  median: number;
  best: number;
  /** CPU seconds of the process (user + system), median run: what contention for the cores does not inflate. */
  cpu: number;
}

// A full collection before each engine's warm-up (not timed), and each engine's runs back to back: the batch
// forms with fresh outputs leave ~90 MB of dead typed arrays per run and trading-signals plenty of garbage,
// and with a million bar objects alive every mark-compact costs ~200 ms, which would land on whichever
// engine runs next if the runs were interleaved. Not before every run: right after a full collection V8
// re-commits its young generation, and the page faults double the next run's time for allocating engines.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Times one engine: a full collection, the warm-up runs, then `runs` timed runs. */
function time(engine: Engine, runs: number, bars: readonly OhlcvBar[], columns: BarColumns): Timing {
  collectGarbage();
  for (let w = 0; w < WARMUP_RUNS; w++) engine(bars, columns);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    engine(bars, columns);
    wall.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1e6);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { median: median(wall), best: Math.min(...wall), cpu: median(cpu) };
}

/** Same bars, same answers: the last values of the three implementations agree (else the race is unfair). */
function checkAgreement(bars: readonly OhlcvBar[], columns: BarColumns): string {
  const rsi = new RSI(14);
  const bb = new BollingerBands(20, 2);
  const tsRsi = new TsRSI(14);
  const tsBb = new TsBollingerBands(20, 2);
  for (const b of bars) {
    rsi.add(b.close);
    bb.add(b.close);
    tsRsi.add(b.close);
    tsBb.add(b.close);
  }
  const batchRsi = computeRSI(columns.close, 14).at(-1)!;
  const batchUpper = computeBollingerBands(columns.close, 20, 2).upper.at(-1)!;
  const same = batchRsi === rsi.getResultOrThrow() && batchUpper === bb.getResultOrThrow().upper;
  const relRsi = Math.abs(rsi.getResultOrThrow() - tsRsi.getResultOrThrow()) / tsRsi.getResultOrThrow();
  const relBb = Math.abs(bb.getResultOrThrow().upper - tsBb.getResultOrThrow().upper) / tsBb.getResultOrThrow().upper;
  return `last RSI and BB upper: batch ${same ? '=' : '!='} streaming; vs trading-signals ${Math.max(relRsi, relBb).toExponential(1)} relative`;
}

const millions = (seconds: number) => (BARS / seconds / 1e6).toFixed(1);
const rate = (t: Timing) => `${millions(t.median)} (${millions(t.best)})`;

export async function runIndicatorsBenchmark(): Promise<void> {
  console.log(
    `\n## Indicators: RSI(14) + EMA(20) + MACD(12,26,9) + BB(20,2) + ATR(14), ${BARS.toLocaleString('en')} bars`,
  );
  const { bars } = generateSyntheticBars({
    seed: 7,
    start: Date.UTC(2024, 0, 1),
    count: BARS,
    timeframeMs: 60_000,
    startPrice: 30_000,
  });
  const columns = toBarColumns(bars);
  console.log(`synthetic one-minute bars, seed 7; ${checkAgreement(bars, columns)}`);
  console.log(
    `single thread; million bars/s, median of ${RUNS} runs (trading-signals ${PEER_RUNS}) after ${WARMUP_RUNS} warm-up runs, best run in brackets; load average before: ${loadavg()[0]!.toFixed(1)}\n`,
  );

  const engines: [string, Record<Column, Engine>, number][] = [
    ['MarketLens batch, outputs reused', batchEngines(BARS, true), RUNS],
    ['MarketLens batch, fresh outputs', batchEngines(BARS, false), RUNS],
    ['MarketLens streaming', ours, RUNS],
    ['trading-signals 8.3 (streaming)', peer, PEER_RUNS],
  ];
  const results = engines.map(
    ([name, engine, runs]) =>
      [name, Object.fromEntries(COLUMNS.map((c) => [c, time(engine[c], runs, bars, columns)]))] as const,
  );
  const peerAll = results.at(-1)![1]['all five']!;
  console.log(`| engine | all five together | / trading-signals | ${INDICATORS.join(' | ')} |`);
  console.log(`|---|---|---|${INDICATORS.map(() => '---|').join('')}`);
  for (const [name, timings] of results) {
    const all = timings['all five']!;
    const cells = INDICATORS.map((c) => rate(timings[c]!)).join(' | ');
    console.log(`| ${name} | ${rate(all)} | ${(peerAll.median / all.median).toFixed(1)}x | ${cells} |`);
  }
  console.log(
    `\nall five together per CPU second (median run; unaffected by waiting for a core): ${results.map(([name, t]) => `${name} ${millions(t['all five']!.cpu)}`).join(', ')} million bars`,
  );
  const verdicts = results
    .slice(0, 3)
    .map(([name, t]) => `${name} ${BARS / t['all five']!.median >= TARGET_BARS_PER_S ? 'met' : 'NOT met'}`);
  console.log(
    `bar (all five together >= ${TARGET_BARS_PER_S / 1e6} million bars/s, median wall clock): ${verdicts.join(', ')}`,
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await runIndicatorsBenchmark();
