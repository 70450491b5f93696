import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, spawnLogged, waitForHttp, type LoggedProcess } from './process';

// A real Prometheus (Debian's binary) on 127.0.0.1, with its storage in a temp folder, driven over its HTTP API.

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}
export interface PromTarget {
  labels: Record<string, string>;
  scrapePool: string;
  scrapeUrl: string;
  health: string;
  lastError: string;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  process: LoggedProcess;
  /** An instant query; throws with Prometheus' error message when it fails to evaluate. */
  query(expr: string): Promise<PromSample[]>;
  activeTargets(): Promise<PromTarget[]>;
  stop(): Promise<void>;
}

/** `config` is a Prometheus configuration object; `configFor(port)` may use the port (to scrape itself). */
export async function startPrometheus(configFor: (port: number) => unknown): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'ml-prometheus-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'prometheus.yml'), stringify(configFor(port)));
  const process = spawnLogged('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const stop = async () => {
    await process.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/-/ready`, process);
  } catch (err) {
    await stop();
    throw err;
  }

  const query = async (expr: string): Promise<PromSample[]> => {
    const response = await fetch(`${url}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: expr }),
    });
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: unknown };
    };
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error ?? response.status}`);
    // Scalars and strings come back as one [time, value] pair, not as samples.
    return body.data?.resultType === 'vector' ? (body.data.result as PromSample[]) : [];
  };
  const activeTargets = async () => {
    const body = (await (await fetch(`${url}/api/v1/targets?state=active`)).json()) as {
      data: { activeTargets: PromTarget[] };
    };
    return body.data.activeTargets;
  };
  return { url, port, process, query, activeTargets, stop };
}
