import pg from 'pg';
import type { ScenarioResult } from '../support/figures';
import { sleep, waitUntil } from '../support/free-port';
import { login, startRole } from '../support/marketlens-process';
import { createScenarioDatabase } from '../support/scenario-database';
import { SUITE_ENV, type SuiteContext } from '../support/suite-context';
import { is2xx, startTraffic, type RequestKind } from '../support/traffic';

/**
 * PostgreSQL restarted (fast shutdown: every connection cut) under a steady stream of writes and reads: every
 * write the API acknowledged with 2xx is in the database afterwards, the API answers 2xx again without being
 * restarted, and the time from the restart to the first acknowledged write is printed.
 */
export async function postgresRestart(suite: SuiteContext): Promise<ScenarioResult> {
  const databaseUrl = await createScenarioDatabase(suite.postgres.url, 'faults_pg');
  const backing = { databaseUrl, redisUrl: suite.redis.url, keyPrefix: 'faults-pg', env: SUITE_ENV };
  const api = await startRole('api', backing);
  const broken: string[] = [];
  try {
    const auth = await login(api.url, api.admin()!);
    const acknowledged: string[] = [];
    let n = 0;
    const write: RequestKind = {
      name: 'write',
      send: async () => {
        const address = `0xfb${(++n).toString(16).padStart(38, '0')}`;
        const res = await fetch(`${api.url}/api/v1/memecoins/tokens`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ address, symbol: `P${n}` }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (is2xx(res.status)) acknowledged.push(address);
        return res.status;
      },
    };
    const read: RequestKind = {
      name: 'read',
      send: async () => {
        const res = await fetch(`${api.url}/api/v1/memecoins/tokens`, {
          headers: auth,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        return res.status;
      },
    };
    const traffic = startTraffic([write, read]);
    await sleep(5_000);
    const restartAt = Date.now();
    await suite.postgres.restart();
    const restartedAt = Date.now();
    const recovered = await waitUntil(
      async () => traffic.samples.some((s) => s.kind === 'write' && s.at > restartedAt && is2xx(s.status)),
      60_000,
      50,
    );
    const firstOk = traffic.samples.find((s) => s.kind === 'write' && s.at > restartedAt && is2xx(s.status));
    await sleep(5_000);
    await traffic.stop();

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = new Set(
      (await client.query<{ address: string }>('select address from meme_tokens')).rows.map((r) => r.address),
    );
    await client.end();
    const lost = acknowledged.filter((a) => !stored.has(a));
    const settle = (firstOk?.at ?? restartedAt) + 2_000;
    const failedAfter = traffic.samples.filter((s) => s.at > settle && !is2xx(s.status));
    const failedDuring = traffic.samples.filter((s) => s.at >= restartAt && s.at <= settle && !is2xx(s.status));
    const figures = {
      writesAcknowledged: acknowledged.length,
      lost: lost.length,
      restartMs: restartedAt - restartAt,
      recoveryMs: firstOk ? Math.round(firstOk.at + firstOk.ms - restartAt) : 'never',
      failedWhileDown: failedDuring.length,
      non2xxAfterRecovery: failedAfter.length,
    };
    if (lost.length > 0) broken.push(`${lost.length} acknowledged writes are missing, e.g. ${lost[0]}`);
    if (!recovered) broken.push('no write succeeded within 60 s of the restart');
    if (failedAfter.length > 0)
      broken.push(
        `${failedAfter.length} non-2xx answers after recovery (statuses ${[...new Set(failedAfter.map((s) => s.status))].join(',')})`,
      );
    return { name: 'postgres-restart', figures, broken };
  } finally {
    await api.child.kill('SIGKILL');
  }
}
