import { Readable } from 'node:stream';
import { generateRegimeSeries, type HMMModelJson, type OhlcvBar } from '@marketlens/quant';
import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../src/context';
import { importBarsCsv } from '../src/modules/instruments/import.service';

// Signals test data: strategy documents, a hand-written regime model and intraday bars written through the
// real CSV import (exchange layout, epoch-ms open times).

/** A mean-reversion strategy that trades often on the reference regime series. */
export const RSI_STRATEGY = {
  name: 'rsi-swing',
  timeframe: '1d',
  side: 'long',
  entry: 'rsi(close, 14) < 40',
  exit: 'rsi(close, 14) > 55',
  fees: { rate: 0.001 },
  slippageBps: 5,
} as const;

/**
 * Three regimes close to the reference series' calm / choppy / crisis, on log returns alone (no warm-up
 * beyond the first return), written by hand so the filter's tests do not depend on an EM fit.
 */
export const THREE_REGIME_MODEL: HMMModelJson = {
  version: 1,
  covarianceType: 'diag',
  nStates: 3,
  features: ['logret'],
  standardizer: null,
  startProb: [0.6, 0.3, 0.1],
  transMat: [
    [0.97, 0.025, 0.005],
    [0.03, 0.95, 0.02],
    [0.02, 0.08, 0.9],
  ],
  means: [[0.0005], [0], [-0.002]],
  covars: [[0.007 ** 2], [0.013 ** 2], [0.03 ** 2]],
  stateNames: ['bull / low vol', 'neutral / mid vol', 'bear / high vol'],
};

/** The reference regime series (daily bars), or the same prices on another timeframe's grid. */
export function seriesBars(n: number, seed: number, stepMs = 86_400_000, startTs?: number): OhlcvBar[] {
  const bars = generateRegimeSeries({ n, seed }).bars;
  if (stepMs === 86_400_000 && startTs === undefined) return bars;
  const start = startTs ?? Date.UTC(2024, 0, 1);
  return bars.map((b, i) => ({ ...b, ts: start + i * stepMs }));
}

export async function importBars(
  ctx: AppContext,
  symbol: string,
  bars: readonly OhlcvBar[],
  timeframe: Timeframe,
): Promise<void> {
  const rows = bars.map((b) => `${b.ts},${b.open},${b.high},${b.low},${b.close},${b.volume}`);
  const csv = `open_time,open,high,low,close,volume\n${rows.join('\n')}\n`;
  await importBarsCsv(ctx, {
    symbol,
    timeframe,
    timezone: 'UTC',
    kind: 'crypto',
    input: Readable.from([Buffer.from(csv)]),
    filename: `${symbol}-${timeframe}.csv`,
  });
}

/** Polls until `probe` answers, for jobs that run in the background. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
