import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { generateSyntheticBars } from '../synthetic/synthetic-bars';
import { toBarColumns, type BarColumns } from './bar-columns';
import type { BarIndicator, IndicatorBarField } from './bar-indicator';
import { IndicatorInputError, IndicatorNotReadyError } from './indicator.error';

const HOUR_MS = 3_600_000;
/** Bars 70..85 repeat the close of bar 69 with no volume: flat windows, zero ranges, a day (72..) without volume. */
const FLAT = { from: 70, to: 85 };

/**
 * Deterministic hourly OHLCV bars from 2000-01-03 00:00 UTC (24 a day, so VWAP restarts every 24 bars), real
 * OHLC spread and varying volume, with a flat zero-volume stretch for the degenerate paths.
 */
export function contractBars(count: number, seed = 5): OhlcvBar[] {
  const { bars } = generateSyntheticBars({
    seed,
    start: 946_857_600_000,
    count,
    timeframeMs: HOUR_MS,
    startPrice: 100,
  });
  for (let i = FLAT.from; i <= FLAT.to && i < count; i++) {
    const p = bars[i - 1]!.close;
    bars[i] = { ts: bars[i]!.ts, open: p, high: p, low: p, close: p, volume: 0 };
  }
  return bars;
}

type AnyBarIndicator<R> = BarIndicator<R, IndicatorBarField>;
const feed = <R>(ind: AnyBarIndicator<R>, bars: readonly OhlcvBar[]) => bars.map((b) => ind.add(b));

/** Two other versions of a still-forming bar: one that rose past its high, one that fell below its low. */
function formingVersions(b: OhlcvBar): OhlcvBar[] {
  const up = b.close * 1.017;
  const down = b.low * 0.995;
  return [
    { ...b, close: up, high: Math.max(b.high, up), volume: b.volume + 500 },
    { ...b, close: down, low: down, high: (b.high + b.low) / 2, volume: b.volume / 2 },
  ];
}

/**
 * The streaming contract (indicator-contract.ts) for indicators over bars, plus their own input checks:
 * every field they read must be finite, volume >= 0, high not below low, each error naming the field.
 */
export function testBarIndicatorContract<R>(
  name: string,
  create: () => AnyBarIndicator<R>,
  batch?: (bars: BarColumns) => readonly (R | null)[],
): void {
  describe(`${name} streaming contract (bars)`, () => {
    const bars = contractBars(300);

    it('gives null until warmUp bars are in, then a result for every bar', () => {
      const ind = create();
      for (let i = 0; i < ind.warmUp - 1; i++) {
        expect(ind.add(bars[i]!), `bar ${i} is inside the warm-up`).toBeNull();
        expect(ind.isStable).toBe(false);
        expect(() => ind.getResultOrThrow()).toThrow(IndicatorNotReadyError);
      }
      for (let i = ind.warmUp - 1; i < bars.length; i++) {
        const r = ind.add(bars[i]!);
        expect(r, `bar ${i} must have a result`).not.toBeNull();
        expect(ind.getResultOrThrow()).toEqual(r);
      }
      expect(ind.isStable).toBe(true);
      expect(ind.count).toBe(bars.length);
    });

    it('replace of the last bar equals adding the replacement in the first place', () => {
      const w = create().warmUp;
      for (const cut of new Set([1, 2, w - 1, w, w + 1, 75, 150, 300].filter((c) => c >= 1))) {
        for (const forming of formingVersions(bars[cut - 1]!)) {
          const a = create();
          feed(a, bars.slice(0, cut));
          const replaced = a.replace(forming);
          const b = create();
          feed(b, bars.slice(0, cut - 1));
          expect(replaced, `cut ${cut}`).toEqual(b.add(forming));
          expect(a.count).toBe(b.count);
          expect(feed(a, bars.slice(cut, cut + 40))).toEqual(feed(b, bars.slice(cut, cut + 40)));
        }
      }
    });

    it('replace on an empty stream is an add, and repeated replaces keep only the last version', () => {
      const a = create();
      a.replace(bars[0]!);
      expect(a.count).toBe(1);
      feed(a, bars.slice(1, 80));
      for (const version of formingVersions(bars[79]!)) a.replace(version);
      a.replace(bars[79]!);
      const b = create();
      feed(b, bars.slice(0, 80));
      expect(a.getResult()).toEqual(b.getResult());
      expect(feed(a, bars.slice(80, 120))).toEqual(feed(b, bars.slice(80, 120)));
    });

    it('is deterministic: two instances fed the same bars agree exactly', () => {
      expect(feed(create(), bars)).toEqual(feed(create(), bars));
    });

    it('rejects a bad field of a bar by name and index, and leaves the state as it was', () => {
      const ind = create();
      feed(ind, bars.slice(0, 50));
      const before = ind.getResult();
      const bad: [IndicatorBarField, Partial<OhlcvBar>, RegExp][] = ind.fields.map((f) => [
        f,
        { [f]: Number.NaN },
        new RegExp(`bar 50 ${f} must be a finite number`),
      ]);
      if (ind.fields.includes('volume')) bad.push(['volume', { volume: -1 }, /bar 50 volume must be >= 0/]);
      if (ind.fields.includes('high') && ind.fields.includes('low'))
        bad.push(['high', { high: bars[50]!.low - 1 }, /bar 50 high must not be below low/]);
      for (const [field, patch, message] of bad) {
        let error: unknown;
        try {
          ind.add({ ...bars[50]!, ...patch });
        } catch (e) {
          error = e;
        }
        expect(error, `${field} ${JSON.stringify(patch)}`).toBeInstanceOf(IndicatorInputError);
        expect((error as IndicatorInputError).field).toBe(field);
        expect((error as IndicatorInputError).index).toBe(50);
        expect((error as Error).message).toMatch(message);
        expect(() => ind.replace({ ...bars[49]!, ...patch })).toThrow(IndicatorInputError);
      }
      expect(ind.getResult()).toEqual(before);
      expect(ind.count).toBe(50);
      const other = create();
      feed(other, bars.slice(0, 51));
      expect(ind.add(bars[50]!)).toEqual(other.getResult());
    });

    it.skipIf(batch === undefined)('has a batch form that gives exactly the streaming values', () => {
      expect(batch!(toBarColumns(bars))).toEqual(feed(create(), bars));
    });

    it.skipIf(batch === undefined)('has a batch form that rejects the same bad fields, by name and index', () => {
      const { fields } = create();
      for (const field of fields) {
        const columns = toBarColumns(bars.slice(0, 40));
        columns[field][7] = Number.POSITIVE_INFINITY;
        expect(() => batch!(columns)).toThrow(new RegExp(`bar 7 ${field} must be a finite number, got Infinity`));
      }
      if (fields.includes('high') && fields.includes('low')) {
        const columns = toBarColumns(bars.slice(0, 40));
        columns.high[9] = columns.low[9]! - 0.5;
        expect(() => batch!(columns)).toThrow(/bar 9 high must not be below low/);
      }
      const short = { ...toBarColumns(bars.slice(0, 40)), [fields.at(-1)!]: new Float64Array(39) };
      if (fields.length > 1) expect(() => batch!(short)).toThrow(RangeError);
    });
  });
}
