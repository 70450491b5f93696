import { describe, expect, it } from 'vitest';
import { generateSyntheticBars, type SyntheticBar } from './synthetic-bars';
import { DAY_MS, utcWeekday } from './synthetic-calendar';
import { DEMO_INSTRUMENTS, generateDemoBars } from './demo-instruments';

const START = 1_577_836_800_000; // 2020-01-01T00:00:00Z, a Wednesday
const logReturn = (b: SyntheticBar) => Math.log(b.close / b.open);
const std = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

describe('generateSyntheticBars', () => {
  const base = { start: START, count: 500, timeframeMs: DAY_MS, startPrice: 100, jumpIntensity: 0.05, jumpStd: 0.05 };

  it('gives the same series for the same seed and a different one for another seed', () => {
    const a = generateSyntheticBars({ ...base, seed: 1 });
    const b = generateSyntheticBars({ ...base, seed: 1 });
    const c = generateSyntheticBars({ ...base, seed: 2 });
    expect(b).toEqual(a);
    expect(c.bars.map((x) => x.close)).not.toEqual(a.bars.map((x) => x.close));
  });

  it('keeps every bar OHLC-consistent with positive prices and volume', () => {
    const { bars } = generateSyntheticBars({ ...base, count: 5000, seed: 9, jumpIntensity: 0.2, jumpMean: -0.2 });
    for (const b of bars) {
      expect(b.low, `bar ${b.ts}`).toBeGreaterThan(0);
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.volume).toBeGreaterThanOrEqual(0);
    }
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.open).toBe(bars[i - 1]!.close);
  });

  it('skips weekends on daily equity bars and keeps them for crypto', () => {
    const equity = generateSyntheticBars({ ...base, seed: 1, count: 300, skipWeekends: true });
    expect(equity.bars.every((b) => utcWeekday(b.ts) !== 0 && utcWeekday(b.ts) !== 6)).toBe(true);
    expect(equity.bars.every((b) => b.ts % DAY_MS === 0)).toBe(true);
    const crypto = generateSyntheticBars({ ...base, seed: 1, count: 300, skipWeekends: false });
    expect(crypto.bars.filter((b) => utcWeekday(b.ts) === 6)).toHaveLength(43);
    expect(crypto.bars[299]!.ts - crypto.bars[0]!.ts).toBe(299 * DAY_MS);
  });

  it('matches each regime realised volatility and visits every regime', () => {
    const regimes = [
      { drift: 0.001, vol: 0.01 },
      { drift: -0.002, vol: 0.03 },
      { drift: 0, vol: 0.018 },
    ];
    const transition = [
      [0.98, 0.01, 0.01],
      [0.02, 0.97, 0.01],
      [0.01, 0.01, 0.98],
    ];
    const { bars, states } = generateSyntheticBars({
      ...base,
      seed: 5,
      count: 60_000,
      regimes,
      transition,
      jumpIntensity: 0,
    });
    regimes.forEach((regime, k) => {
      const rs = bars.filter((_, i) => states[i] === k).map(logReturn);
      expect(rs.length, `regime ${k} visited`).toBeGreaterThan(5000);
      expect(Math.abs(std(rs) / regime.vol - 1), `regime ${k} vol`).toBeLessThan(0.03);
      const mean = rs.reduce((a, b) => a + b, 0) / rs.length;
      expect(Math.abs(mean - regime.drift), `regime ${k} drift`).toBeLessThan((4 * regime.vol) / Math.sqrt(rs.length));
    });
  });

  it('produces jumps at the configured Poisson intensity', () => {
    // Tiny diffusion and large jumps make every jump visible as a return above 5%.
    const intensity = 0.02;
    const { bars } = generateSyntheticBars({
      ...base,
      seed: 3,
      count: 50_000,
      regimes: [{ drift: 0, vol: 0.001 }],
      transition: [[1]],
      jumpIntensity: intensity,
      jumpMean: 0.2,
      jumpStd: 0.01,
      skipWeekends: false,
    });
    const jumpBars = bars.filter((b) => logReturn(b) > 0.05).length;
    const expected = bars.length * (1 - Math.exp(-intensity));
    expect(Math.abs(jumpBars - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  describe('intraday sessions', () => {
    const session = { openMinuteUtc: 14 * 60 + 30, lengthMinutes: 390 };
    const intraday = generateSyntheticBars({
      seed: 17,
      start: START,
      count: 200 * 78,
      timeframeMs: 300_000,
      startPrice: 50,
      regimes: [{ drift: 0, vol: 0.002 }],
      transition: [[1]],
      session,
    });

    it('places bars only inside the session on weekdays', () => {
      for (const b of intraday.bars) {
        const minute = (b.ts % DAY_MS) / 60_000;
        expect(minute).toBeGreaterThanOrEqual(session.openMinuteUtc);
        expect(minute).toBeLessThan(session.openMinuteUtc + session.lengthMinutes);
        expect([0, 6]).not.toContain(utcWeekday(b.ts));
      }
      expect(intraday.bars[0]!.ts).toBe(START + session.openMinuteUtc * 60_000);
    });

    it('is more volatile and busier at the open and close than at midday', () => {
      const bySlot = (pick: (b: SyntheticBar) => number) => {
        const sums = new Array<number>(78).fill(0);
        intraday.bars.forEach((b, i) => (sums[i % 78]! += pick(b)));
        return sums.map((s) => s / 200);
      };
      const absRet = bySlot((b) => Math.abs(logReturn(b)));
      const volume = bySlot((b) => b.volume);
      const midday = (xs: number[]) => xs.slice(34, 44).reduce((a, b) => a + b, 0) / 10;
      const ends = (xs: number[]) =>
        (xs.slice(0, 5).reduce((a, b) => a + b, 0) + xs.slice(73).reduce((a, b) => a + b, 0)) / 10;
      expect(ends(absRet)).toBeGreaterThan(1.5 * midday(absRet));
      expect(ends(volume)).toBeGreaterThan(1.5 * midday(volume));
    });
  });

  it('rejects a transition matrix whose rows do not sum to 1', () => {
    expect(() =>
      generateSyntheticBars({
        ...base,
        seed: 1,
        transition: [
          [0.5, 0.4],
          [0.1, 0.9],
        ],
      }),
    ).toThrow(/row 0/);
  });
});

describe('DEMO_INSTRUMENTS', () => {
  it('are labelled synthetic and generate their configured number of bars', () => {
    for (const instrument of DEMO_INSTRUMENTS) {
      expect(instrument.name).toMatch(/Synthetic/);
      const { bars } = generateDemoBars(instrument, 42, START);
      expect(bars).toHaveLength(instrument.bars.count);
      expect(new Set(bars.map((b) => b.ts)).size).toBe(bars.length);
    }
  });
});
