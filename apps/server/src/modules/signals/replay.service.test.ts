import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resampleBars, type OhlcvBar } from '@marketlens/quant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { loadBarSeries } from '../instruments/instruments.service';
import type { ReplayClock } from './replay-clock';
import { InvalidReplayError } from './replay.error';
import { replayBars, runReplay, type ReplayOptions } from './replay.service';

const MIN = 60_000;
const T0 = Date.parse('2023-03-10T00:00:00Z');
const BTC_MINUTES = new URL(
  '../../../../../../shared/data/intraday/BTCUSDT_1m_binanceus_2023-03-01_2023-03-21.csv',
  import.meta.url,
);

/** A clock whose sleeps pass at once, recording them: a 60x replay of an hour takes no real time. */
function fakeClock() {
  const state = { t: 0, sleeps: [] as number[] };
  const clock: ReplayClock = {
    now: () => state.t,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      state.sleeps.push(ms);
      state.t += ms;
    },
  };
  return { clock, state };
}

const bar = (minute: number): OhlcvBar => ({
  ts: T0 + minute * MIN,
  open: 100 + minute,
  high: 102 + minute,
  low: 99 + minute,
  close: 101 + minute,
  volume: 1,
});

describe('replay source', () => {
  let testApp: TestApp;
  let dir: string;
  const csv = (name: string, minutes: number[]) => {
    const path = join(dir, name);
    const rows = minutes.map((m) => {
      const b = bar(m);
      return `${b.ts},${b.open},${b.high},${b.low},${b.close},${b.volume}`;
    });
    writeFileSync(path, ['open_time,open,high,low,close,volume', ...rows].join('\n'));
    return path;
  };
  const fromCsv = (path: string, extra: Partial<ReplayOptions> = {}): ReplayOptions => ({
    source: { kind: 'csv', path, timeframe: '1m' },
    speed: 60,
    ...extra,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marketlens-replay-'));
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers 1m bars once a second at 60x, in time order whatever the file order', async () => {
    const { clock, state } = fakeClock();
    const deliveredAt: [number, number][] = [];
    const summary = await runReplay(testApp.ctx, fromCsv(csv('shuffled.csv', [2, 0, 1, 3]), { clock }), (b) => {
      deliveredAt.push([(b.ts - T0) / MIN, state.t]);
    });
    expect(deliveredAt).toEqual([
      [0, 0],
      [1, 1000],
      [2, 2000],
      [3, 3000],
    ]);
    expect(summary).toMatchObject({ sourceBars: 4, delivered: 4, aborted: false, stored: null });
  });

  it('replays gaps in the data as pauses, and runs without waiting at speed Infinity or 0', async () => {
    const path = csv('gappy.csv', [0, 1, 5]);
    const paced = fakeClock();
    const times: number[] = [];
    await runReplay(
      testApp.ctx,
      fromCsv(path, { clock: paced.clock, speed: 120 }),
      () => void times.push(paced.state.t),
    );
    expect(times, '120x: a minute is half a second, the 4-minute gap two seconds').toEqual([0, 500, 2500]);
    for (const speed of [Infinity, 0]) {
      const fast = fakeClock();
      const summary = await runReplay(testApp.ctx, fromCsv(path, { clock: fast.clock, speed }));
      expect(summary.delivered).toBe(3);
      expect(fast.state.sleeps).toEqual([]);
    }
  });

  it('resamples on the fly, delivering each bucket when its last minute closes and dropping the partial tail', async () => {
    const { clock, state } = fakeClock();
    const minutes = Array.from({ length: 12 }, (_, i) => i);
    const delivered: [OhlcvBar, number][] = [];
    const summary = await runReplay(
      testApp.ctx,
      fromCsv(csv('twelve.csv', minutes), { clock, timeframe: '5m' }),
      (b) => void delivered.push([b, state.t]),
    );
    const expected = resampleBars(minutes.map(bar), '5m', { source: '1m' }).bars.slice(0, 2);
    expect(delivered.map(([b]) => b)).toEqual(expected);
    expect(
      delivered.map(([, t]) => t),
      'at the close of minutes 4 and 9',
    ).toEqual([4000, 9000]);
    expect(summary).toMatchObject({ sourceBars: 12, delivered: 2, partialDropped: true });
  });

  it('stops when its signal aborts: the iterator throws, runReplay reports it', async () => {
    const path = csv(
      'ten.csv',
      Array.from({ length: 10 }, (_, i) => i),
    );
    const controller = new AbortController();
    const seen: number[] = [];
    const summary = await runReplay(
      testApp.ctx,
      fromCsv(path, { clock: fakeClock().clock, signal: controller.signal }),
      (b) => {
        seen.push(b.ts);
        if (seen.length === 3) controller.abort();
      },
    );
    expect(summary).toMatchObject({ delivered: 3, aborted: true });
    const stopped = new AbortController();
    stopped.abort();
    const iterate = async () => {
      for await (const _ of replayBars(testApp.ctx, fromCsv(path, { signal: stopped.signal }))) void _;
    };
    await expect(iterate()).rejects.toThrow(/abort/i);
  });

  it('writes a stored series into another instrument bar by bar, each announced on bars.closed once stored', async () => {
    const { ctx } = testApp;
    await runReplay(ctx, { ...fromCsv(csv('source.csv', [0, 1, 2, 3, 4, 5])), storeAs: 'SRC', speed: Infinity });
    const announced: { minute: number; storedThen: number }[] = [];
    const ingested: string[] = [];
    const off = [
      ctx.events.on('bars.closed', async (e) => {
        if (e.symbol !== 'REPLAYED') return;
        const stored = await loadBarSeries(ctx, 'REPLAYED', '1m');
        for (const b of e.bars) announced.push({ minute: (b.ts - T0) / MIN, storedThen: stored.length });
      }),
      ctx.events.on('bars.ingested', (e) => void ingested.push(e.symbol)),
    ];
    try {
      const options: ReplayOptions = {
        source: { kind: 'stored', symbol: 'SRC', timeframe: '1m', from: T0 + MIN, to: T0 + 5 * MIN },
        speed: 60,
        storeAs: 'replayed',
        clock: fakeClock().clock,
      };
      const first = await runReplay(ctx, options);
      expect(first.stored).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
      expect(announced).toEqual([
        { minute: 1, storedThen: 1 },
        { minute: 2, storedThen: 2 },
        { minute: 3, storedThen: 3 },
        { minute: 4, storedThen: 4 },
      ]);
      // A second run of the same replay stores nothing new but still drives the live path.
      const second = await runReplay(ctx, { ...options, clock: fakeClock().clock });
      expect(second.stored).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
      expect(announced).toHaveLength(8);
      expect(
        ingested.filter((s) => s === 'REPLAYED'),
        'bars.ingested only when the store changed',
      ).toHaveLength(4);
    } finally {
      for (const unsubscribe of off) unsubscribe();
    }
  });

  it('refuses a replay into its own source and a negative speed', async () => {
    const source = { kind: 'stored', symbol: 'SRC', timeframe: '1m' } as const;
    await expect(runReplay(testApp.ctx, { source, speed: 1, storeAs: 'src' })).rejects.toThrow(InvalidReplayError);
    await expect(runReplay(testApp.ctx, { source, speed: -1 })).rejects.toThrow(/speed/);
  });

  describe.skipIf(!existsSync(BTC_MINUTES))(
    `the whole offline path on real BTC/USDT minutes${existsSync(BTC_MINUTES) ? '' : ' (skipped: ../shared/data is absent)'}`,
    () => {
      it('replays 21 days of minutes as hourly bars into the store as fast as possible', async () => {
        const closed: OhlcvBar[] = [];
        const off = testApp.ctx.events.on('bars.closed', (e) => {
          if (e.symbol === 'BTC-REPLAY') closed.push(...e.bars);
        });
        try {
          const summary = await runReplay(testApp.ctx, {
            source: { kind: 'csv', path: BTC_MINUTES.pathname, timeframe: '1m' },
            speed: Infinity,
            timeframe: '1h',
            storeAs: 'BTC-REPLAY',
          });
          expect(summary).toMatchObject({ sourceBars: 30_240, delivered: 504, partialDropped: false });
          const stored = await loadBarSeries(testApp.ctx, 'BTC-REPLAY', '1h');
          expect(stored).toHaveLength(504);
          expect(closed).toEqual(stored);
        } finally {
          off();
        }
      });
    },
  );
});
