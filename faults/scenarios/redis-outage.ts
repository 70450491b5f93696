import { formatFigures, type ScenarioResult } from '../support/figures';
import { sleep, waitUntil } from '../support/free-port';
import { login, startRole } from '../support/marketlens-process';
import { createScenarioDatabase } from '../support/scenario-database';
import { SUITE_ENV, type SuiteContext } from '../support/suite-context';
import { httpKind, is2xx, startTraffic, type Sample } from '../support/traffic';

const OUTAGE_MS = 30_000;

/**
 * Redis stopped for 30 s under load (api + worker on PostgreSQL and Redis, the demo data loaded): database
 * routes keep answering 2xx, the cached forecast route falls back to computing, /readyz answers 503 naming
 * the cache and the queue, and once Redis is back everything recovers without restarting a process: /readyz
 * is ok again and a job queued after the outage runs.
 */
export async function redisOutage(suite: SuiteContext): Promise<ScenarioResult> {
  const databaseUrl = await createScenarioDatabase(suite.postgres.url, 'faults_redis');
  const backing = {
    databaseUrl,
    redisUrl: suite.redis.url,
    keyPrefix: 'faults-redis',
    env: { ...SUITE_ENV, MARKETLENS_DEMO__ENABLED: 'true' },
  };
  const api = await startRole('api', backing);
  const worker = await startRole('worker', backing);
  const broken: string[] = [];
  try {
    const auth = await login(api.url, api.admin()!);
    const train = await fetch(`${api.url}/api/v1/forecasts/train`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'SYN-BTC', model: 'ridge' }),
    });
    if (train.status !== 201) throw new Error(`forecast training answered ${train.status}: ${await train.text()}`);
    let n = 0;
    const kinds = [
      httpKind('instruments', `${api.url}/api/v1/instruments`, { headers: auth }),
      httpKind('bars', `${api.url}/api/v1/instruments/SYN-BTC/bars?limit=200`, { headers: auth }),
      httpKind('forecast (cached)', `${api.url}/api/v1/forecasts/SYN-BTC`, { headers: auth }),
      httpKind('write (watch a token)', `${api.url}/api/v1/memecoins/tokens`, {
        method: 'POST',
        headers: auth,
        body: () => ({ address: `0xfa${(++n).toString(16).padStart(38, '0')}`, symbol: `F${n}` }),
      }),
    ];
    const traffic = startTraffic(kinds);
    await sleep(5_000);
    const outageStart = Date.now();
    await suite.redis.stop();
    await sleep(3_000);
    const readyDuring = await fetch(`${api.url}/readyz`);
    const readyBody = (await readyDuring.json()) as { checks: Record<string, { ok: boolean }> };
    const down = Object.entries(readyBody.checks)
      .filter(([, c]) => !c.ok)
      .map(([name]) => name);
    await sleep(OUTAGE_MS - 3_000);
    const outageEnd = Date.now();
    await suite.redis.start();
    const recovered = await waitUntil(async () => (await fetch(`${api.url}/readyz`)).ok, 60_000, 200);
    const recoveryMs = Date.now() - outageEnd;
    await sleep(5_000);
    await traffic.stop();

    const queued = await fetch(`${api.url}/api/v1/memecoins/collect`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    const jobId = queued.ok ? ((await queued.json()) as { jobId: string }).jobId : null;
    const jobRan =
      jobId !== null &&
      (await waitUntil(async () => {
        const runs = await fetch(`${api.url}/api/v1/jobs/runs?name=memecoins.collect`, { headers: auth });
        const body = (await runs.json()) as { runs: { id: string; status: string }[] };
        return body.runs.some((r) => r.id === jobId && r.status === 'succeeded');
      }, 30_000));

    const during = (s: Sample) => s.at >= outageStart && s.at < outageEnd;
    const outage = traffic.samples.filter(during);
    const failedDuring = outage.filter((s) => !is2xx(s.status));
    const after = traffic.samples.filter((s) => s.at >= outageEnd + recoveryMs);
    const failedAfter = after.filter((s) => !is2xx(s.status));
    const figures = {
      requests: traffic.samples.length,
      duringOutage: outage.length,
      non2xxDuringOutage: failedDuring.length,
      cachedDuringOutage: outage.filter((s) => s.kind === 'forecast (cached)' && is2xx(s.status)).length,
      readyzDuring: `${readyDuring.status}:${down.join('+') || 'none'}`,
      recoveryMs,
      non2xxAfter: failedAfter.length,
      jobAfterRecovery: jobRan ? 'ran' : 'no',
    };
    if (failedDuring.length > 0) {
      const byKind = new Map<string, number[]>();
      for (const s of failedDuring) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.status]);
      broken.push(
        `non-2xx during the outage: ${[...byKind].map(([k, v]) => `${k} ${v.length} (${[...new Set(v)].join(',')})`).join('; ')}`,
      );
    }
    if (readyDuring.status !== 503 || !down.includes('cache'))
      broken.push(`/readyz during the outage: ${formatFigures({ status: readyDuring.status, down: down.join('+') })}`);
    if (!recovered) broken.push('/readyz did not recover within 60 s of Redis coming back');
    if (failedAfter.length > 0) broken.push(`${failedAfter.length} non-2xx answers after recovery`);
    if (!jobRan) broken.push('a job queued after the outage did not run');
    return { name: 'redis-outage', figures, broken };
  } finally {
    await worker.child.kill('SIGKILL');
    await api.child.kill('SIGKILL');
  }
}
