import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile, repoPath } from '../support/repo';
import { requireTool } from '../support/prom-tools';
import { startPrometheus, type RunningPrometheus } from '../support/prom-server';
import { waitFor } from '../support/process';
import {
  DASHBOARD_FILES,
  allRules,
  expandGrafanaVariables,
  panelQueries,
  recordedNames,
} from '../support/monitoring-files';
import { histogramBase, metricNames } from '../support/promql-metrics';
import {
  MONITORED_ROLES,
  startDistributedMarketLens,
  type DistributedMarketLens,
} from '../support/monitoring-marketlens';
import { driveTraffic } from '../support/monitoring-traffic';
import { fakePods, k8sConfigForTest } from '../support/monitoring-k8s-pods';

// A real Prometheus, configured from deploy/prometheus/prometheus.yml and the repository's rule files,
// scrapes a real MarketLens running as separate api, worker, scheduler and engine processes on PostgreSQL and Redis.
// After some traffic, every rule and every dashboard query must evaluate, name only metrics that exist, and
// find data. A second Prometheus runs prometheus.k8s.yml's pod relabelling on discovered "pods".

interface ScrapeJob {
  job_name: string;
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
  dns_sd_configs?: { names: string[]; port: number }[];
}
interface PromConfig {
  global: Record<string, string>;
  rule_files?: string[];
  alerting?: unknown;
  scrape_configs: ScrapeJob[];
}

/** The compose configuration with local targets, 1 s scrapes and the repository's rule files. */
function composeConfigForTest(ml: DistributedMarketLens, ownPort: number): PromConfig {
  const config = parse(readRepoFile('deploy/prometheus/prometheus.yml')) as PromConfig;
  config.global = { ...config.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' };
  config.rule_files = [repoPath('deploy/prometheus/rules/*.yml')];
  // No Alertmanager runs here (alertmanager.test.ts runs one on its own).
  delete config.alerting;
  config.scrape_configs = config.scrape_configs.filter((job) => job.job_name !== 'alertmanager');
  for (const job of config.scrape_configs) {
    for (const group of job.static_configs ?? []) group.targets = [`127.0.0.1:${ownPort}`];
    // No DNS here: each name DNS discovery would resolve becomes a local target carrying the same meta label,
    // so the file's own relabelling (role from __meta_dns_name) is what runs.
    if (job.dns_sd_configs) {
      job.static_configs = job.dns_sd_configs.flatMap(({ names }) =>
        names.map((name) => ({
          targets: [`127.0.0.1:${ml.ports[name as (typeof MONITORED_ROLES)[number]]}`],
          labels: { __meta_dns_name: name },
        })),
      );
      delete job.dns_sd_configs;
    }
  }
  return config;
}

/** Metric names a process exports, from the `# TYPE` lines of its /metrics (histograms as their series). */
function exportedNames(metricsText: string): string[] {
  return [...metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name = '', type]) =>
    type === 'histogram' || type === 'summary' ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
  );
}

const PROMETHEUS_MADE = /^(up|scrape_\w+|ALERTS|ALERTS_FOR_STATE)$/;
const ruleExprs = allRules().map((r) => ({ where: r.alert ?? r.record ?? '?', expr: r.expr }));
const panelExprs = DASHBOARD_FILES.flatMap(panelQueries).map((q) => ({
  where: `${q.dashboard}: ${q.panel}`,
  expr: expandGrafanaVariables(q.expr),
}));

let ml: DistributedMarketLens;
let prom: RunningPrometheus;
let k8sProm: RunningPrometheus;
let podsDir: string;

/** Names among `names` with no series in Prometheus right now. */
async function withoutSeries(names: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of [...new Set(names)].sort()) {
    if ((await prom.query(`count({__name__="${name}"})`)).length === 0) missing.push(name);
  }
  return missing;
}

beforeAll(async () => {
  requireTool('prometheus');
  ml = await startDistributedMarketLens();
  prom = await startPrometheus((port) => composeConfigForTest(ml, port));
  podsDir = mkdtempSync(join(tmpdir(), 'ml-pods-'));
  writeFileSync(join(podsDir, 'pods.json'), JSON.stringify(fakePods(ml.ports)));
  k8sProm = await startPrometheus(() => k8sConfigForTest(join(podsDir, 'pods.json')));
  await driveTraffic(ml);
  // Until every referenced metric has been scraped and every recording rule has evaluated (the tests below
  // say which are missing if that never happens).
  const everyName = [...ruleExprs, ...panelExprs].flatMap((e) => metricNames(e.expr));
  await waitFor(
    'every metric in Prometheus',
    async () => ((await withoutSeries(everyName)).length === 0 ? true : undefined),
    {
      timeoutMs: 30_000,
      intervalMs: 1000,
    },
  ).catch(() => undefined);
}, 300_000);

afterAll(async () => {
  await k8sProm?.stop();
  await prom?.stop();
  await ml?.stop();
  if (podsDir) rmSync(podsDir, { recursive: true, force: true });
});

describe('Prometheus with prometheus.yml scraping MarketLens', () => {
  it('scrapes every role with its role label, and itself, all up', async () => {
    const targets = await prom.activeTargets();
    const marketlens = targets.filter((t) => t.labels.job === 'marketlens');
    expect(marketlens.map((t) => t.labels.role).sort()).toEqual(['api', 'bot', 'engine', 'scheduler', 'worker']);
    expect(targets.map((t) => [t.labels.job, t.health, t.lastError])).toEqual(
      targets.map((t) => [t.labels.job, 'up', '']),
    );
    const up = await prom.query('up');
    expect(up.map((s) => s.value[1])).toEqual(up.map(() => '1'));
    expect(up.length, 'every role and Prometheus itself').toBe(MONITORED_ROLES.length + 1);
  });

  it('names the job of job metrics job_name (the scrape job label stays marketlens)', async () => {
    const series = await prom.query('marketlens_job_duration_seconds_count{job_name="ingest.prices"}');
    expect(series.length).toBeGreaterThan(0);
    expect(series.every((s) => s.metric.job === 'marketlens' && s.metric.role === 'worker')).toBe(true);
    expect(await prom.query('{exported_job!=""}')).toEqual([]);
  });

  it('evaluates every expression of every rules file without error', async () => {
    const failures: string[] = [];
    for (const { where, expr } of ruleExprs)
      await prom.query(expr).catch((e: Error) => failures.push(`${where}: ${e.message}`));
    expect(ruleExprs.length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it('evaluates every dashboard panel query without error', async () => {
    const failures: string[] = [];
    for (const { where, expr } of panelExprs)
      await prom.query(expr).catch((e: Error) => failures.push(`${where}: ${e.message}`));
    expect(panelExprs.length).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });

  it('references only metrics the server exports, Prometheus makes, or a rule records', async () => {
    const exported = new Set(
      (await Promise.all(MONITORED_ROLES.map((role) => ml.metricsText(role)))).flatMap(exportedNames),
    );
    const recorded = new Set(recordedNames());
    const unknown = [...ruleExprs, ...panelExprs].flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => !exported.has(name) && !recorded.has(name) && !PROMETHEUS_MADE.test(name))
        .map((name) => `${where}: ${name}${histogramBase(name) ? ' (histogram series)' : ''}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has data for every metric a dashboard panel shows (recorded series included)', async () => {
    expect(await withoutSeries(panelExprs.flatMap((e) => metricNames(e.expr)))).toEqual([]);
  });

  it('has data for every metric an alert or recording rule reads', async () => {
    expect(await withoutSeries(ruleExprs.flatMap((e) => metricNames(e.expr)))).toEqual([]);
  });

  it('keeps the availability alerts silent while everything is up', async () => {
    const alerts = await prom.query(
      'ALERTS{alertname=~"MarketLensDown|MarketLensRoleMissing|DatabaseUnreachable|QueueUnreachable|CacheUnreachable"}',
    );
    expect(alerts.map((a) => a.metric)).toEqual([]);
  });
});

describe('Prometheus with prometheus.k8s.yml relabelling discovered pods', () => {
  it('keeps only annotated MarketLens pods, scrapes the annotated port and path, labels role and pod', async () => {
    const targets = await waitFor('a pod target per role, up', async () => {
      const list = await k8sProm.activeTargets();
      return list.length === MONITORED_ROLES.length && list.every((t) => t.health === 'up') ? list : undefined;
    });
    const byRole = Object.fromEntries(targets.map((t) => [t.labels.role, t]));
    for (const role of MONITORED_ROLES) {
      expect(byRole[role]?.labels).toEqual({
        job: 'marketlens',
        role,
        instance: `marketlens-${role}-7d9f8-abcde`,
        namespace: 'marketlens-test',
      });
      expect(byRole[role]?.scrapeUrl).toBe(`http://127.0.0.1:${ml.ports[role]}/metrics`);
    }
  });
});

describe('when a role stops', () => {
  it('MarketLensDown goes pending for that process only', async () => {
    await ml.processes.scheduler.stop();
    const alerts = await waitFor('MarketLensDown pending', async () => {
      const list = await prom.query('ALERTS{alertname="MarketLensDown"}');
      return list.length > 0 ? list : undefined;
    });
    expect(alerts.map((a) => [a.metric.role, a.metric.severity])).toEqual([['scheduler', 'critical']]);
    expect(['pending', 'firing']).toContain(alerts[0]?.metric.alertstate);
  });
});
