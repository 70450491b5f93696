import type { DistributedMarketLens, MonitoredRole } from './monitoring-marketlens';
import { waitFor } from './process';

/**
 * Uses MarketLens the way people and schedules do, so that every metric a dashboard shows has a series:
 * requests (a 404 and a login among them), a regime fit, a forecast training, a strategy deployed live on
 * SYN-BTC, two CSV imports that make the worker store a prediction and then realise it (model version and
 * rolling accuracy) and the engine write a signal (signal counters, paper equity, feed age), cached forecast
 * reads, and an ingest.prices job that fails once (provider error, job failure) and then succeeds.
 */
export async function driveTraffic(ml: DistributedMarketLens): Promise<void> {
  const api = ml.urls.api;
  const expectStatus = async (response: Promise<Response>, status: number, what: string) => {
    const r = await response;
    if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status}: ${await r.text()}`);
    return r;
  };

  await expectStatus(fetch(`${api}/healthz`), 200, 'healthz');
  await expectStatus(fetch(`${api}/api/v1/instruments`), 401, 'instruments without a token');
  await expectStatus(fetch(`${api}/api/v1/no-such-route`), 404, 'unknown route');
  const login = await expectStatus(
    fetch(`${api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ml.admin),
    }),
    200,
    'login',
  );
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const post = (path: string, body: unknown) =>
    fetch(`${api}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });

  await expectStatus(fetch(`${api}/api/v1/instruments`, { headers: auth }), 200, 'instruments');
  await expectStatus(fetch(`${api}/api/v1/instruments/NO-SUCH/bars`, { headers: auth }), 404, 'unknown symbol');
  await expectStatus(post('/api/v1/regimes/fits', { symbol: 'SYN-EQ' }), 201, 'regime fit');
  await expectStatus(post('/api/v1/forecasts/train', { symbol: 'SYN-BTC', model: 'ridge' }), 201, 'training');

  // A strategy that enters on the first live bar, deployed on SYN-BTC: its newest bar (2025-12-31) is the anchor,
  // so the imports below are live bars for the engine process.
  const strategy = await expectStatus(
    post('/api/v1/strategies', {
      name: 'monitoring-always-long',
      timeframe: '1d',
      side: 'long',
      entry: 'close > 0',
      exit: 'close < 0',
    }),
    201,
    'create a strategy',
  );
  const { id: strategyId } = (await strategy.json()) as { id: string };
  await expectStatus(post('/api/v1/deployments', { strategyId, symbol: 'SYN-BTC' }), 201, 'deploy it live');

  // Bars after the demo series' last day (2025-12-31): the first import makes the worker store the champion's
  // prediction for 2026-01-01, the second realises it.
  const importBar = (date: string, close: number) => {
    const form = new FormData();
    const csv = `date,open,high,low,close,volume\n${date},${close},${close + 500},${close - 500},${close},1000\n`;
    form.append('file', new Blob([csv], { type: 'text/csv' }), `${date}.csv`);
    return expectStatus(
      fetch(`${api}/api/v1/instruments/SYN-BTC/import`, { method: 'POST', headers: auth, body: form }),
      200,
      `import ${date}`,
    );
  };
  await importBar('2026-01-01', 83000);
  // Wait for the stored prediction itself, not for a gauge: scrapes refresh the model-version gauge from the
  // registry, so it can appear before the predict job ran, and a prediction made only after the next bar
  // arrived would be for that bar and never realise here.
  await waitFor(
    'the prediction for 2026-01-01',
    async () => {
      const r = await fetch(`${api}/api/v1/forecasts/SYN-BTC/predictions?horizon=1`, { headers: auth });
      const body = (await r.json()) as { predictions?: { asOf: string }[] };
      return body.predictions?.some((p) => p.asOf.startsWith('2026-01-01')) ? true : undefined;
    },
    { process: ml.processes.worker, timeoutMs: 60_000 },
  );
  await waitForMetric(ml, 'worker', /^marketlens_model_version_in_production\{/m, 'the champion model version');
  await importBar('2026-01-02', 84000);
  await waitForMetric(ml, 'worker', /^marketlens_forecast_rolling_accuracy\{/m, 'the rolling accuracy');
  await waitForMetric(
    ml,
    'engine',
    /^marketlens_signals_generated_total\{[^}]*action="enter_long"[^}]*\} [1-9]/m,
    'the live signal on 2026-01-01',
  );
  for (let i = 0; i < 2; i++) {
    await expectStatus(fetch(`${api}/api/v1/forecasts/SYN-BTC`, { headers: auth }), 200, 'forecast read');
  }

  ml.yahoo.setMode('failing');
  await expectStatus(post('/api/v1/jobs/ingest.prices/run', {}), 202, 'run ingest.prices');
  await waitForMetric(ml, 'worker', /^marketlens_job_failures_total\{job="ingest\.prices"\} [1-9]/m, 'a failed ingest');
  ml.yahoo.setMode('ok');
  await expectStatus(post('/api/v1/jobs/ingest.prices/run', {}), 202, 'run ingest.prices again');
  await waitForMetric(
    ml,
    'api',
    /^marketlens_ingest_last_success_timestamp_seconds\{source="provider"\}/m,
    'a successful ingest',
  );
}

function waitForMetric(ml: DistributedMarketLens, role: MonitoredRole, pattern: RegExp, what: string) {
  return waitFor(what, async () => (pattern.test(await ml.metricsText(role)) ? true : undefined), {
    process: ml.processes[role],
    timeoutMs: 60_000,
  });
}
