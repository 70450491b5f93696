import { readFileSync } from 'node:fs';
import { nearestRankPercentile } from '@marketlens/quant';
import type { ScenarioResult } from '../support/figures';
import { sleep } from '../support/free-port';
import { login, startRole } from '../support/marketlens-process';
import { createScenarioDatabase } from '../support/scenario-database';
import { SUITE_ENV, type SuiteContext } from '../support/suite-context';
import { waveBarsCsv } from '../support/sine-bars';
import { httpKind, is2xx, startTraffic } from '../support/traffic';

const MINUTE = 60_000;
/** Minutes of traffic: 10 by default (the soak); CI sets FAULTS_SOAK_MINUTES lower to stay in budget. */
const minutes = (): number => Number(process.env.FAULTS_SOAK_MINUTES ?? 10);
/** RSS growth allowed after the first (warm-up) minute. */
const MAX_GROWTH = 0.1;

const rssBytes = (pid: number): number => {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) * 1024;
};

/**
 * Mixed traffic (reads of lists, bars, a meme token's timeline and cached forecasts, and re-imports) against
 * api + worker for N minutes: p99 latency printed per minute, and the API's resident memory after the warm-up
 * minute must grow by less than 10% to the end (the median of the last minute's per-second samples against that
 * of the second minute; the floors, 10th percentiles, are printed too).
 */
export async function soak(suite: SuiteContext): Promise<ScenarioResult> {
  const databaseUrl = await createScenarioDatabase(suite.postgres.url, 'faults_soak');
  const backing = {
    databaseUrl,
    redisUrl: suite.redis.url,
    keyPrefix: 'faults-soak',
    env: { ...SUITE_ENV, MARKETLENS_DEMO__ENABLED: 'true' },
  };
  const api = await startRole('api', backing);
  const worker = await startRole('worker', backing);
  try {
    const auth = await login(api.url, api.admin()!);
    const train = await fetch(`${api.url}/api/v1/forecasts/train`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'SYN-BTC', model: 'ridge' }),
    });
    if (train.status !== 201) throw new Error(`forecast training answered ${train.status}`);
    const v1 = `${api.url}/api/v1`;
    const tokens = (await (await fetch(`${v1}/memecoins/tokens`, { headers: auth })).json()) as {
      tokens: { address: string; synthetic: boolean }[];
    };
    const meme = tokens.tokens.find((t) => t.synthetic)?.address;
    if (!meme) throw new Error('the demo meme token was not seeded');
    const traffic = startTraffic([
      httpKind('instruments', `${v1}/instruments`, { headers: auth }),
      httpKind('bars', `${v1}/instruments/SYN-EQ/bars?limit=500`, { headers: auth }),
      httpKind('forecast', `${v1}/forecasts/SYN-BTC`, { headers: auth }),
      httpKind('memecoins', `${v1}/memecoins/tokens`, { headers: auth }),
      httpKind('timeline', `${v1}/memecoins/tokens/${meme}/timeline`, { headers: auth }),
      // A steady-state write: the same 100 bars imported again (a transaction, an upload record, 0 changes), so
      // the data the reads return does not grow with the soak's length.
      {
        name: 'write (re-import)',
        send: async () => {
          const form = new FormData();
          form.append('file', new Blob([waveBarsCsv(0, 100, true)]), 'soak.csv');
          const res = await fetch(`${v1}/instruments/SOAK/import`, {
            method: 'POST',
            headers: auth,
            body: form,
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer();
          return res.status;
        },
      },
    ]);
    const pid = api.child.process.pid!;
    const rss: { at: number; bytes: number }[] = [];
    const start = Date.now();
    const total = minutes() * MINUTE;
    while (Date.now() - start < total) {
      rss.push({ at: Date.now() - start, bytes: rssBytes(pid) });
      // Every second: RSS swings by a fifth within seconds as the heap grows and is collected (seen: 334-499 MB
      // in one minute), so a minute's percentiles need many samples to be stable figures (12 swung +-10%).
      await sleep(1_000);
    }
    await traffic.stop();

    const perMinute: string[] = [];
    for (let m = 0; m < minutes(); m++) {
      const inMinute = traffic.samples.filter((s) => s.at - start >= m * MINUTE && s.at - start < (m + 1) * MINUTE);
      perMinute.push(
        `${Math.round(
          nearestRankPercentile(
            inMinute.map((s) => s.ms),
            99,
          ),
        )}`,
      );
    }
    const rssPercentile = (from: number, to: number, p: number) =>
      nearestRankPercentile(
        rss.filter((r) => r.at >= from && r.at < to).map((r) => r.bytes),
        p,
      );
    // The series on stderr (every 5th sample): when the growth figure is near its limit, its shape tells a leak
    // (a steady climb) from the heap's sawtooth.
    const every5s = rss.filter((_, i) => i % 5 === 0).map((r) => (r.bytes / 2 ** 20).toFixed(0));
    suite.log(`soak: API RSS in MB every 5 s: ${every5s.join(' ')}`);
    // The guarantee is on each minute's median (of 60 samples). The floor (10th percentile) is printed beside
    // it: it was the guarantee while CI ran the soak in a lane of three, where the request rate rose in its last
    // minute as the other lanes finished and lifted the median (up to +12%). With two lanes the soak ends while
    // the other lane still runs, so its rate holds, and the floor proved the noisier figure (+8.1% against the
    // median's +3.5% in one run, +14.2% against +2.1% in a CI run with no leak): it moves with whether a major
    // collection fell inside the minute.
    const warm = rssPercentile(MINUTE, 2 * MINUTE, 50);
    const end = rssPercentile(total - MINUTE, total, 50);
    const floorWarm = rssPercentile(MINUTE, 2 * MINUTE, 10);
    const floorEnd = rssPercentile(total - MINUTE, total, 10);
    const growth = (end - warm) / warm;
    const floorGrowth = (floorEnd - floorWarm) / floorWarm;
    const failed = traffic.samples.filter((s) => !is2xx(s.status));
    const broken: string[] = [];
    if (minutes() < 3) broken.push(`a soak needs at least 3 minutes (warm-up, middle, end); got ${minutes()}`);
    if (!(growth < MAX_GROWTH)) broken.push(`RSS grew ${(growth * 100).toFixed(1)}% after warm-up (limit 10%)`);
    if (failed.length > 0)
      broken.push(`${failed.length} non-2xx answers (${[...new Set(failed.map((s) => s.status))].join(',')})`);
    return {
      name: 'soak',
      figures: {
        minutes: minutes(),
        requests: traffic.samples.length,
        non2xx: failed.length,
        p99msPerMinute: perMinute.join('/'),
        rssWarmMB: (warm / 2 ** 20).toFixed(0),
        rssEndMB: (end / 2 ** 20).toFixed(0),
        rssGrowthPct: (growth * 100).toFixed(1),
        rssFloorWarmMB: (floorWarm / 2 ** 20).toFixed(0),
        rssFloorEndMB: (floorEnd / 2 ** 20).toFixed(0),
        rssFloorGrowthPct: (floorGrowth * 100).toFixed(1),
      },
      broken,
    };
  } finally {
    await worker.child.kill('SIGKILL');
    await api.child.kill('SIGKILL');
  }
}
