import pg from 'pg';
import type { ScenarioResult } from '../support/figures';
import { sleep, waitUntil } from '../support/free-port';
import { login, startRole, type Backing, type PlatformProcess } from '../support/marketlens-process';
import { createScenarioDatabase } from '../support/scenario-database';
import { waveBarsCsv } from '../support/sine-bars';
import { SUITE_ENV, type SuiteContext } from '../support/suite-context';
import { startWebhookReceiver } from '../support/webhook-receiver';

const FIRST = 60;
const CHUNKS = 12;
const CHUNK = 40;

async function signalFigures(databaseUrl: string): Promise<{ signals: number; distinct: number; sent: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ signals: string; distinct: string; sent: string }>(
      `select (select count(*) from signals) as signals,
              (select count(distinct (deployment_id, bar_ts, action)) from signals) as distinct,
              (select count(*) from deliveries where status = 'sent') as sent`,
    );
    const r = rows[0]!;
    return { signals: Number(r.signals), distinct: Number(r.distinct), sent: Number(r.sent) };
  } finally {
    await client.end();
  }
}

/**
 * Two engine replicas and two workers (dispatchers) on one deployment while bars arrive in chunks: every signal
 * is generated once (no two rows for one bar and action) and reaches the webhook exactly once (0 repeats),
 * with nothing left undelivered.
 */
export async function replicas(suite: SuiteContext): Promise<ScenarioResult> {
  const databaseUrl = await createScenarioDatabase(suite.postgres.url, 'faults_replicas');
  const receiver = await startWebhookReceiver();
  const backing: Backing = {
    databaseUrl,
    redisUrl: suite.redis.url,
    keyPrefix: 'faults-replicas',
    env: {
      ...SUITE_ENV,
      MARKETLENS_WEBHOOKS__ALLOW_PRIVATE_TARGETS: 'true',
      MARKETLENS_SIGNALS__ENGINE__POLL_MS: '50',
    },
  };
  const api = await startRole('api', backing);
  const processes: PlatformProcess[] = [];
  try {
    const auth = await login(api.url, api.admin()!);
    const v1 = `${api.url}/api/v1`;
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${v1}${path}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const upload = async (csv: string) => {
      const form = new FormData();
      form.append('file', new Blob([csv]), 'rep.csv');
      const res = await fetch(`${v1}/instruments/REP/import`, { method: 'POST', headers: auth, body: form });
      if (!res.ok) throw new Error(`import answered ${res.status}: ${await res.text()}`);
    };
    await upload(waveBarsCsv(0, FIRST, true));
    const strategy = await post('/strategies', {
      name: 'replicas',
      timeframe: '1d',
      side: 'long',
      entry: 'crosses_above(ema(close, 3), sma(close, 8))',
      exit: 'crosses_below(ema(close, 3), sma(close, 8))',
    });
    await post('/deployments', { strategyId: strategy.id, symbol: 'REP' });
    const channel = (await post('/notifications/channels', { kind: 'webhook', url: receiver.url })) as {
      channel: { id: string };
    };
    await post('/notifications/subscriptions', { channelId: channel.channel.id, source: 'strategy', ref: strategy.id });
    for (let i = 0; i < 2; i++) {
      processes.push(await startRole('engine', backing));
      processes.push(await startRole('worker', backing));
    }
    for (let c = 0; c < CHUNKS; c++) {
      await upload(waveBarsCsv(FIRST + c * CHUNK, CHUNK, true));
      await sleep(700);
    }
    let last = -1;
    await waitUntil(
      async () => {
        const f = await signalFigures(databaseUrl);
        const settled = f.signals > 0 && f.sent === f.signals && f.signals === last;
        last = f.signals;
        return settled;
      },
      120_000,
      2_000,
    );
    const f = await signalFigures(databaseUrl);
    const keys = [...receiver.received.entries()].filter(([key]) => key.length > 0);
    const repeats = keys.reduce((s, [, n]) => s + n - 1, 0);
    const broken: string[] = [];
    if (f.signals === 0) broken.push('no signal was generated');
    if (f.distinct !== f.signals) broken.push(`${f.signals - f.distinct} duplicated signals`);
    if (repeats > 0) broken.push(`${repeats} notifications reached the webhook more than once`);
    if (keys.length !== f.signals) broken.push(`${f.signals} signals but ${keys.length} distinct notifications`);
    return {
      name: 'replicas',
      figures: {
        engines: 2,
        dispatchers: 2,
        bars: FIRST + CHUNKS * CHUNK,
        signals: f.signals,
        duplicatedSignals: f.signals - f.distinct,
        notified: keys.length,
        webhookRepeats: repeats,
      },
      broken,
    };
  } finally {
    for (const p of processes) await p.child.kill('SIGKILL');
    await api.child.kill('SIGKILL');
    await receiver.close();
  }
}
