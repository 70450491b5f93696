import pg from 'pg';
import type { ScenarioResult } from '../support/figures';
import { sleep, waitUntil } from '../support/free-port';
import { login, startRole, type Backing, type PlatformProcess } from '../support/marketlens-process';
import { createScenarioDatabase } from '../support/scenario-database';
import { SUITE_ENV, type SuiteContext } from '../support/suite-context';
import { startWebhookReceiver } from '../support/webhook-receiver';

/** Jobs of each kind: 1,000 by default (the figure); FAULTS_JOBS scales it. */
const JOBS = Number(process.env.FAULTS_JOBS ?? 1000);
const KILLS = 10;
const BARS = 300;

/** 300 daily bars of a seeded random walk as an upload. */
function barsCsv(): string {
  let price = 100;
  let seed = 7;
  const lines = ['Date,Open,High,Low,Close,Volume'];
  for (let i = 0; i < BARS; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const next = price * (1 + (seed / 2 ** 31 - 0.5) * 0.04);
    const day = new Date(Date.UTC(2023, 0, 2) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},${price},${Math.max(price, next) * 1.01},${Math.min(price, next) * 0.99},${next},1000`);
    price = next;
  }
  return `${lines.join('\n')}\n`;
}

/** Sends `count` requests made by `make`, `parallel` at a time; throws on the first non-2xx answer. */
async function submit(count: number, parallel: number, make: (i: number) => Promise<Response>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const res = await make(i);
      if (!res.ok) throw new Error(`request ${i} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

interface Counts {
  fits: number;
  trainings: number;
  backtests: number;
  notifications: number;
  unfinished: number;
}

async function counts(databaseUrl: string): Promise<Counts> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    return {
      fits: await one(`select count(*) as n from regime_fits where status = 'succeeded'`),
      trainings: await one(
        `select count(*) as n from runs r join experiments e on e.id = r.experiment_id
         where e.name like 'forecasts/%' and r.status = 'succeeded'`,
      ),
      backtests: await one(`select count(*) as n from backtests where status = 'succeeded'`),
      notifications: await one(`select count(*) as n from deliveries where status = 'sent'`),
      unfinished: await one(
        `select (select count(*) from regime_fits where status <> 'succeeded')
              + (select count(*) from backtests where status <> 'succeeded')
              + (select count(*) from deliveries where status <> 'sent') as n`,
      ),
    };
  } finally {
    await client.end();
  }
}

/**
 * The worker killed with SIGKILL 10 times while 1,000 jobs of each queued kind run (regime fits, forecast
 * trainings, backtests, notifications to a webhook): afterwards every job has exactly one result (succeeded
 * fits, registry runs, backtests and sent deliveries each equal the number asked for: none lost, none twice),
 * and the webhook saw every notification (at least once: a kill can repeat the one send in flight).
 */
export async function workerKill(suite: SuiteContext): Promise<ScenarioResult> {
  const databaseUrl = await createScenarioDatabase(suite.postgres.url, 'faults_worker');
  const receiver = await startWebhookReceiver();
  const backing: Backing = {
    databaseUrl,
    redisUrl: suite.redis.url,
    keyPrefix: 'faults-worker',
    env: {
      ...SUITE_ENV,
      // Every fit and training goes to the queue, however small.
      MARKETLENS_REGIMES__INLINE_MAX_WORK: '1',
      MARKETLENS_FORECASTS__INLINE_MAX_WORK: '1',
      MARKETLENS_WEBHOOKS__ALLOW_PRIVATE_TARGETS: 'true',
    },
  };
  const api = await startRole('api', backing);
  let worker: PlatformProcess | null = null;
  try {
    const auth = await login(api.url, api.admin()!);
    const v1 = `${api.url}/api/v1`;
    const json = (path: string, body: unknown) =>
      fetch(`${v1}${path}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const form = new FormData();
    form.append('file', new Blob([barsCsv()]), 'wk.csv');
    const imported = await fetch(`${v1}/instruments/WK/import`, { method: 'POST', headers: auth, body: form });
    if (!imported.ok) throw new Error(`import answered ${imported.status}: ${await imported.text()}`);
    const strategy = await json('/strategies', {
      name: 'worker-kill',
      timeframe: '1d',
      side: 'long',
      entry: 'crosses_above(ema(close, 3), sma(close, 8))',
      exit: 'crosses_below(ema(close, 3), sma(close, 8))',
    });
    if (!strategy.ok) throw new Error(`strategy answered ${strategy.status}: ${await strategy.text()}`);
    const strategyId = ((await strategy.json()) as { id: string }).id;
    const channel = await json('/notifications/channels', { kind: 'webhook', url: receiver.url });
    if (!channel.ok) throw new Error(`channel answered ${channel.status}: ${await channel.text()}`);
    const channelId = ((await channel.json()) as { channel: { id: string } }).channel.id;

    const started = Date.now();
    await submit(JOBS, 8, () => json('/regimes/fits', { symbol: 'WK', states: 2 }));
    await submit(JOBS, 8, () => json('/forecasts/train', { symbol: 'WK', model: 'ridge' }));
    await submit(JOBS, 8, () => json('/backtests', { strategyId, symbol: 'WK', lookAheadCuts: 0 }));
    await submit(JOBS, 8, () => json(`/notifications/channels/${channelId}/test`, {}));
    const queuedMs = Date.now() - started;

    worker = await startRole('worker', backing);
    for (let k = 0; k < KILLS; k++) {
      await sleep(1_500 + ((k * 1_700) % 3_000));
      await worker.child.kill('SIGKILL');
      worker = await startRole('worker', backing);
    }
    const target = (c: Counts) =>
      c.fits >= JOBS && c.trainings >= JOBS && c.backtests >= JOBS && c.notifications >= JOBS;
    await waitUntil(async () => target(await counts(databaseUrl)), 20 * 60_000, 2_000);
    await sleep(3_000); // anything still running would show as a second result now
    const done = await counts(databaseUrl);
    const seconds = Math.round((Date.now() - started) / 1000);
    const delivered = [...receiver.received.entries()].filter(([key]) => key !== '');
    const repeats = delivered.reduce((s, [, n]) => s + n - 1, 0);
    const broken: string[] = [];
    for (const kind of ['fits', 'trainings', 'backtests', 'notifications'] as const) {
      if (done[kind] !== JOBS) broken.push(`${kind}: ${done[kind]} results for ${JOBS} jobs`);
    }
    if (delivered.length !== JOBS) broken.push(`the webhook saw ${delivered.length} distinct notifications of ${JOBS}`);
    if (repeats > KILLS) broken.push(`${repeats} repeated webhook sends for ${KILLS} kills`);
    return {
      name: 'worker-kill',
      figures: {
        jobsPerKind: JOBS,
        kills: KILLS,
        queuedS: Math.round(queuedMs / 1000),
        totalS: seconds,
        fits: done.fits,
        trainings: done.trainings,
        backtests: done.backtests,
        notifications: done.notifications,
        unfinished: done.unfinished,
        webhookRepeats: repeats,
      },
      broken,
    };
  } finally {
    await worker?.child.kill('SIGKILL');
    await api.child.kill('SIGKILL');
    await receiver.close();
  }
}
