import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile } from '../support/repo';
import {
  DASHBOARD_FILES,
  expandGrafanaVariables,
  flatPanels,
  loadDashboard,
  panelQueries,
  type DashboardPanel,
} from '../support/monitoring-files';
import { metricNames, promqlSyntaxErrors } from '../support/promql-metrics';

// Grafana loads what is provisioned: one Prometheus datasource with a fixed uid, and the dashboards folder.
// Each dashboard is a valid model whose every query names that datasource and parses as PromQL.
// (That every query runs and is fed by the real server is proven in prometheus-live.test.ts.)

interface DatasourceFile {
  apiVersion: number;
  datasources: { name: string; uid: string; type: string; url: string; isDefault?: boolean }[];
}
interface ProviderFile {
  apiVersion: number;
  providers: { name: string; type: string; options: { path: string } }[];
}

const datasources = parse(readRepoFile('deploy/grafana/provisioning/datasources/prometheus.yml')) as DatasourceFile;
const providers = parse(readRepoFile('deploy/grafana/provisioning/dashboards/marketlens.yml')) as ProviderFile;
const PROVISIONED_UID = datasources.datasources[0]?.uid;
const GRAFANA_BUILTINS = ['__rate_interval', '__interval', '__range'];
const PANEL_TYPES = ['row', 'timeseries', 'stat', 'table', 'gauge', 'bargauge'];

describe('Grafana provisioning', () => {
  it('provisions one default Prometheus datasource with a fixed uid, at the compose service', () => {
    expect(datasources.apiVersion).toBe(1);
    expect(datasources.datasources).toHaveLength(1);
    expect(datasources.datasources[0]).toMatchObject({
      uid: 'prometheus',
      type: 'prometheus',
      url: 'http://prometheus:9090',
      isDefault: true,
    });
  });

  it('loads dashboards from /var/lib/grafana/dashboards (deploy/grafana/dashboards is mounted there)', () => {
    expect(providers.apiVersion).toBe(1);
    expect(providers.providers).toEqual([
      expect.objectContaining({
        type: 'file',
        options: expect.objectContaining({ path: '/var/lib/grafana/dashboards' }),
      }),
    ]);
  });
});

describe.each(DASHBOARD_FILES)('dashboard %s', (file) => {
  const dashboard = loadDashboard(file);
  const panels = flatPanels(dashboard);
  const dataPanels = panels.filter((p) => p.type !== 'row');
  const variables = dashboard.templating?.list ?? [];

  it('is a dashboard model Grafana provisions: uid, title, schemaVersion, time range', () => {
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.title).toMatch(/^MarketLens/);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.time?.from).toMatch(/^now-/);
  });

  it('has unique panel ids and known panel types', () => {
    const ids = panels.map((p) => p.id);
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(panels.filter((p) => !PANEL_TYPES.includes(p.type)).map((p) => p.type)).toEqual([]);
  });

  it('lays panels on the 24-column grid without overlaps', () => {
    const overlaps = (a: DashboardPanel, b: DashboardPanel) =>
      a.gridPos.x < b.gridPos.x + b.gridPos.w &&
      b.gridPos.x < a.gridPos.x + a.gridPos.w &&
      a.gridPos.y < b.gridPos.y + b.gridPos.h &&
      b.gridPos.y < a.gridPos.y + a.gridPos.h;
    for (const p of panels) {
      const { h, w, x, y } = p.gridPos;
      expect(
        [h, w, x, y].every((n) => Number.isInteger(n) && n >= 0),
        p.title,
      ).toBe(true);
      expect(w > 0 && h > 0 && x + w <= 24, `${p.title} fits the grid`).toBe(true);
    }
    const clashes = panels.flatMap((a, i) =>
      panels
        .slice(i + 1)
        .filter((b) => overlaps(a, b))
        .map((b) => `${a.title} / ${b.title}`),
    );
    expect(clashes).toEqual([]);
  });

  it('queries the provisioned datasource uid in every panel, target and variable', () => {
    expect(dataPanels.length).toBeGreaterThan(5);
    for (const p of dataPanels) {
      expect(p.datasource?.uid, p.title).toBe(PROVISIONED_UID);
      expect(p.targets?.length, `${p.title} has a query`).toBeGreaterThan(0);
      const refIds = (p.targets ?? []).map((t) => t.refId);
      expect(new Set(refIds).size, `${p.title} refIds`).toBe(refIds.length);
      for (const t of p.targets ?? []) expect(t.datasource?.uid, `${p.title} ${t.refId}`).toBe(PROVISIONED_UID);
    }
    for (const v of variables) expect(v.datasource?.uid, v.name).toBe(PROVISIONED_UID);
  });

  it('uses only defined variables, and only as regex matchers (so "All" can be .*)', () => {
    const defined = new Set([...variables.map((v) => v.name), ...GRAFANA_BUILTINS]);
    for (const { panel, expr } of panelQueries(file)) {
      const used = [...expr.matchAll(/\$(\w+)/g)].map((m) => m[1] ?? '');
      expect(
        used.filter((u) => !defined.has(u)),
        panel,
      ).toEqual([]);
      const asMatchers = [...expr.matchAll(/\$(?!__)\w+/g)].length;
      const asRegex = [...expr.matchAll(/=~"\$(?!__)\w+"/g)].length;
      expect(asRegex, `${panel}: ${expr}`).toBe(asMatchers);
    }
  });

  it('has PromQL that parses in every query', () => {
    for (const { panel, expr } of panelQueries(file)) {
      expect(promqlSyntaxErrors(expandGrafanaVariables(expr)), `${panel}: ${expr}`).toEqual([]);
    }
  });
});

describe('dashboard coverage', () => {
  const namesIn = (file: string) => new Set(panelQueries(file).flatMap((q) => metricNames(q.expr)));

  it('operational: RED per route, jobs, queue, cache, DB pool, dependencies, process, up per role', () => {
    const names = namesIn('operational.json');
    for (const metric of [
      'up',
      'marketlens_http_request_duration_seconds_count',
      'marketlens_http_request_duration_seconds_bucket',
      'role_method_route:marketlens_http_errors:ratio_rate5m',
      'marketlens_job_duration_seconds_count',
      'job_name:marketlens_job_duration_seconds:p95_5m',
      'job_name:marketlens_job_failures:ratio_rate30m',
      'marketlens_job_failures_total',
      'marketlens_queue_depth',
      'cache:marketlens_cache_hit:ratio_rate5m',
      'marketlens_cache_requests_total',
      'marketlens_db_pool_connections',
      'marketlens_dependency_up',
      'marketlens_process_cpu_seconds_total',
      'marketlens_process_resident_memory_bytes',
      'marketlens_nodejs_eventloop_lag_p99_seconds',
      'marketlens_nodejs_heap_size_used_bytes',
      'marketlens_build_info',
    ]) {
      expect(names, metric).toContain(metric);
    }
  });

  it('business: accuracy vs threshold, model version, freshness, bars, fits, trainings, providers, signals', () => {
    const names = namesIn('business.json');
    for (const metric of [
      'marketlens_forecast_rolling_accuracy',
      'marketlens_forecast_accuracy_alert_threshold',
      'marketlens_model_version_in_production',
      'marketlens_ingest_last_success_timestamp_seconds',
      'marketlens_bars_ingested_total',
      'marketlens_regime_fit_duration_seconds_count',
      'marketlens_forecast_train_duration_seconds_count',
      'marketlens_provider_requests_total',
      'marketlens_signals_generated_total',
      'marketlens_signal_engine_lag_seconds_bucket',
      'marketlens_signal_bars_processed_total',
      'marketlens_signal_paper_equity',
      'marketlens_feed_last_bar_age_seconds',
      'marketlens_signal_deployments',
    ]) {
      expect(names, metric).toContain(metric);
    }
  });
});
