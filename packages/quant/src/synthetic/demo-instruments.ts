import { generateSyntheticBars, type SyntheticBarsOptions, type SyntheticSeries } from './synthetic-bars';
import { DAY_MS } from './synthetic-calendar';

/** A demo instrument seeded on a fresh install. Every name says "Synthetic" so nobody mistakes it for a market. */
export interface DemoInstrument {
  symbol: string;
  name: string;
  kind: 'equity' | 'crypto';
  timeframe: '1d' | '5m';
  /** Everything but the seed and the start, which the caller supplies (quant has no clock). */
  bars: Omit<SyntheticBarsOptions, 'seed' | 'start'>;
}

const FIVE_MIN_MS = 300_000;

export const DEMO_INSTRUMENTS: readonly DemoInstrument[] = [
  {
    symbol: 'SYN-EQ',
    name: 'Synthetic Equity (demo data)',
    kind: 'equity',
    timeframe: '1d',
    bars: {
      count: 2520, // ~10 years of weekday sessions
      timeframeMs: DAY_MS,
      startPrice: 100,
      regimes: [
        { drift: 0.0005, vol: 0.009 },
        { drift: -0.001, vol: 0.024 },
      ],
      transition: [
        [0.99, 0.01],
        [0.04, 0.96],
      ],
      jumpIntensity: 0.01,
      jumpMean: -0.01,
      jumpStd: 0.03,
      skipWeekends: true,
    },
  },
  {
    symbol: 'SYN-BTC',
    name: 'Synthetic Crypto (demo data)',
    kind: 'crypto',
    timeframe: '1d',
    bars: {
      count: 3650, // ~10 years, trading 7 days a week
      timeframeMs: DAY_MS,
      startPrice: 500,
      regimes: [
        { drift: 0.002, vol: 0.03 },
        { drift: 0.0, vol: 0.02 },
        { drift: -0.003, vol: 0.055 },
      ],
      transition: [
        [0.97, 0.02, 0.01],
        [0.02, 0.97, 0.01],
        [0.03, 0.03, 0.94],
      ],
      jumpIntensity: 0.03,
      jumpMean: 0,
      jumpStd: 0.08,
      skipWeekends: false,
      baseVolume: 50_000,
    },
  },
  {
    symbol: 'SYN-INTRA',
    name: 'Synthetic Intraday Equity (demo data)',
    kind: 'equity',
    timeframe: '5m',
    bars: {
      count: 60 * 78, // 60 sessions of 6.5 hours
      timeframeMs: FIVE_MIN_MS,
      startPrice: 50,
      regimes: [
        { drift: 0.00002, vol: 0.0012 },
        { drift: -0.00004, vol: 0.003 },
      ],
      transition: [
        [0.995, 0.005],
        [0.02, 0.98],
      ],
      jumpIntensity: 0.002,
      jumpMean: 0,
      jumpStd: 0.01,
      session: { openMinuteUtc: 14 * 60 + 30, lengthMinutes: 390 }, // 09:30-16:00 New York in winter
      skipWeekends: true,
      baseVolume: 20_000,
    },
  },
];

/** Bars for a demo instrument; same seed and start give the same series on every install. */
export function generateDemoBars(instrument: DemoInstrument, seed: number, start: number): SyntheticSeries {
  return generateSyntheticBars({ ...instrument.bars, seed, start });
}
