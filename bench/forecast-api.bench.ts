// Prediction API under load: the real server (embedded mode, `marketlens serve`) in a child process with demo
// data and a trained ridge model; autocannon drives GET /api/v1/forecasts/:symbol with an API key, cache warm,
// 50 connections, on loopback. The load generator runs in this process on the same 2 cores as the server:
// in-process autocannon costs no extra Node start-up and no IPC, and this process does nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SYMBOL = 'SYN-BTC';
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_FORECAST_SECONDS ?? 15);
const BAR = { p99Ms: 10, rps: 3_000 };

interface Server {
  url: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

/** A port free right now (the server's own log line naming its URL is at info level, hidden at warn). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `marketlens serve` as `npm start` runs it, with the rate limit lifted so the bench measures the endpoint. */
async function startServer(logLevel: string): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'ml-bench-forecast-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'apps/server/bin/marketlens.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: '',
      REDIS_URL: '',
      MARKETLENS_DATABASE__DATA_DIR: join(dir, 'db'),
      MARKETLENS_STORAGE__ARTIFACT_DIR: join(dir, 'artifacts'),
      MARKETLENS_LOG__LEVEL: logLevel,
      // The default 600 requests/min per IP would throttle the load generator (all requests come from 127.0.0.1).
      MARKETLENS_HTTP__RATE_LIMIT_PER_MINUTE: '100000000',
    },
    // Request logs (info) are read and dropped, so a full pipe never blocks the server.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (d: Buffer) => {
    if (out.length < 200_000) out += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`server exited:\n${out}`);
    if (i > 600) throw new Error(`server did not start in 120 s:\n${out}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const email = /email:\s+(\S+)/.exec(out)?.[1];
  const password = /password:\s+(\S+)/.exec(out)?.[1];
  if (!email || !password) throw new Error(`no admin login printed:\n${out}`);
  return {
    url,
    admin: { email, password },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

async function call<T>(url: string, init: RequestInit & { expect: number }): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = await res.text();
  if (res.status !== init.expect) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${body}`);
  return JSON.parse(body) as T;
}

/** Demo data is seeded by the server at first start; waits until the symbol's bars are there. */
async function waitForDemo(server: Server, token: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${server.url}/api/v1/instruments`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { instruments?: { symbol: string }[] };
    if (body.instruments?.some((x) => x.symbol === SYMBOL)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`demo instrument ${SYMBOL} never appeared`);
}

async function prepare(server: Server): Promise<{ apiKey: string; path: string }> {
  const { accessToken } = await call<{ accessToken: string }>(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify(server.admin),
    expect: 200,
  });
  const auth = { authorization: `Bearer ${accessToken}` };
  await waitForDemo(server, accessToken);
  await call(`${server.url}/api/v1/forecasts/train`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ symbol: SYMBOL, model: 'ridge', horizon: 1 }),
    expect: 201,
  });
  const { secret } = await call<{ secret: string }>(`${server.url}/api/v1/api-keys`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'forecast-bench', role: 'viewer' }),
    expect: 200,
  });
  const path = `/api/v1/forecasts/${SYMBOL}?horizon=1`;
  // Warm: the first call computes and caches; the second must be a hit.
  await call(`${server.url}${path}`, { headers: { 'x-api-key': secret }, expect: 200 });
  const warm = await call<{ cached: boolean }>(`${server.url}${path}`, {
    headers: { 'x-api-key': secret },
    expect: 200,
  });
  if (!warm.cached) throw new Error('the second request was not answered from the cache');
  return { apiKey: secret, path };
}

interface LoadResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(label: string, url: string, apiKey: string): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'x-api-key': apiKey },
  });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function runForecastApiBenchmark(): Promise<void> {
  console.log(
    `\n## Prediction API: GET /api/v1/forecasts/${SYMBOL}?horizon=1, warm cache, ${CONNECTIONS} connections, ${DURATION_S} s, loopback`,
  );
  const results: LoadResult[] = [];
  for (const logLevel of ['info', 'warn']) {
    const server = await startServer(logLevel);
    try {
      const { apiKey, path } = await prepare(server);
      await load('warm-up', `${server.url}${path}`, apiKey).catch(() => undefined);
      results.push(
        await load(`embedded (PGlite, in-process LRU), log level ${logLevel}`, `${server.url}${path}`, apiKey),
      );
    } finally {
      await server.stop();
    }
  }
  console.log('| server | requests/s | p50 | p99 | errors / non-2xx | bar (p99 < 10 ms, >= 3,000 req/s, no errors) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    const pass = r.p99 < BAR.p99Ms && r.rps >= BAR.rps && r.errors === 0 && r.non2xx === 0;
    console.log(
      `| ${r.label} | ${Math.round(r.rps).toLocaleString('en')} | ${r.p50} ms | ${r.p99} ms | ${r.errors} / ${r.non2xx} | ${pass ? 'met' : 'NOT met'} |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runForecastApiBenchmark();
