import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { getBars, getInstrumentInfo, type InstrumentInfo } from '../instruments/instruments.service';

/** The newest bar of a series: what a forecast is made from and what its cache key names. */
export interface SeriesHead {
  instrument: InstrumentInfo;
  lastTs: number | undefined;
  lastClose: number | undefined;
}

interface Entry {
  at: number;
  value: Promise<SeriesHead>;
}

/**
 * A short in-process memo of (instrument, newest bar) per series, so a hot prediction endpoint does not
 * read the database twice per request just to build its cache key. Bars written in this process clear the
 * entry at once (bars.ingested); bars written by another process (distributed worker) are seen within
 * `ttlMs`. Unknown symbols are not remembered.
 */
export class SeriesHeads {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ctx: AppContext,
    private readonly ttlMs = 1_000,
    private readonly maxEntries = 1_000,
  ) {}

  get(symbol: string, timeframe: Timeframe): Promise<SeriesHead> {
    const key = `${symbol.toUpperCase()}|${timeframe}`;
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.ttlMs) return entry.value;
    const value = this.load(symbol, timeframe);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  /** Forgets every timeframe of a symbol (its bars changed). */
  invalidate(symbol: string): void {
    const prefix = `${symbol.toUpperCase()}|`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private async load(symbol: string, timeframe: Timeframe): Promise<SeriesHead> {
    const instrument = await getInstrumentInfo(this.ctx, symbol);
    const { bars } = await getBars(this.ctx, instrument.symbol, { timeframe, limit: 1 });
    const last = bars[bars.length - 1];
    return { instrument, lastTs: last ? Date.parse(last.ts) : undefined, lastClose: last?.close };
  }
}
