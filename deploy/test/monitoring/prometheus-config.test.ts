import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readRepoFile, repoPath } from '../support/repo';
import { requireTool, runTool } from '../support/prom-tools';
import { scratchCopy, type ScratchCopy } from '../support/monitoring-scratch';

// promtool validates both Prometheus configurations (compose and Kubernetes), including the rule files
// they load, and rejects a broken copy, so a passing check means something.

interface ScrapeConfig {
  job_name: string;
  kubernetes_sd_configs?: unknown[];
  file_sd_configs?: unknown[];
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
  dns_sd_configs?: { names: string[]; type: string; port: number; refresh_interval?: string }[];
  relabel_configs?: { action?: string; source_labels?: string[]; target_label?: string; regex?: string }[];
  metric_relabel_configs?: unknown[];
}
interface PrometheusConfig {
  rule_files: string[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: ScrapeConfig[];
}

const loadConfig = (file: string) => parse(readRepoFile('deploy/prometheus', file)) as PrometheusConfig;
const job = (config: PrometheusConfig, name: string) => config.scrape_configs.find((s) => s.job_name === name);

let scratch: ScratchCopy | undefined;
beforeAll(() => requireTool('promtool'));
afterEach(() => {
  scratch?.remove();
  scratch = undefined;
});

describe('prometheus.yml (compose)', () => {
  it('passes promtool check config, rule files included', () => {
    const result = runTool('promtool', ['check', 'config', repoPath('deploy/prometheus/prometheus.yml')]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('finds every replica of each role on 8080 through DNS, labels the role, scrapes itself and Alertmanager', () => {
    const config = loadConfig('prometheus.yml');
    const marketlens = job(config, 'marketlens');
    expect(
      marketlens?.static_configs,
      'a static service name would reach one random replica per scrape',
    ).toBeUndefined();
    expect(marketlens?.dns_sd_configs).toEqual([
      { names: ['api', 'worker', 'scheduler', 'engine', 'bot'], type: 'A', port: 8080, refresh_interval: '15s' },
    ]);
    expect(marketlens?.relabel_configs).toContainEqual({ source_labels: ['__meta_dns_name'], target_label: 'role' });
    expect(job(config, 'prometheus')).toBeDefined();
    expect(job(config, 'alertmanager')?.static_configs?.[0]?.targets).toEqual(['alertmanager:9093']);
    expect(config.alerting.alertmanagers[0]?.static_configs[0]?.targets).toEqual(['alertmanager:9093']);
    expect(config.rule_files).toEqual(['rules/*.yml']);
  });

  it('is rejected by promtool once broken', () => {
    scratch = scratchCopy('prometheus');
    const config = loadConfig('prometheus.yml');
    job(config, 'marketlens')?.metric_relabel_configs?.push({ action: 'keepp', regex: 'x' });
    scratch.write('prometheus.yml', stringify(config));
    const result = runTool('promtool', ['check', 'config', scratch.path('prometheus.yml')]);
    expect(result.code, 'an unknown relabel action must fail the check').not.toBe(0);
    expect(result.output).toMatch(/keepp/);
  });

  it('is rejected by promtool when a rule file it loads is broken', () => {
    scratch = scratchCopy('prometheus');
    scratch.write('rules/recording.rules.yml', scratch.read('rules/recording.rules.yml').replace('[5m]))', '[5m])'));
    const result = runTool('promtool', ['check', 'config', scratch.path('prometheus.yml')]);
    expect(result.code, result.output).not.toBe(0);
  });
});

describe('prometheus.k8s.yml (Kubernetes pod discovery)', () => {
  it('shares job name, metric relabelling and rule files with the compose configuration', () => {
    const compose = loadConfig('prometheus.yml');
    const k8s = loadConfig('prometheus.k8s.yml');
    expect(job(k8s, 'marketlens')?.metric_relabel_configs).toEqual(job(compose, 'marketlens')?.metric_relabel_configs);
    expect(k8s.rule_files).toEqual(compose.rule_files);
  });

  it('discovers pods and keeps only annotated MarketLens pods, with port, path and role from the pod', () => {
    const relabel = job(loadConfig('prometheus.k8s.yml'), 'marketlens')?.relabel_configs ?? [];
    const bySource = (label: string) => relabel.find((r) => r.source_labels?.includes(label));
    expect(job(loadConfig('prometheus.k8s.yml'), 'marketlens')?.kubernetes_sd_configs).toEqual([
      { role: 'pod', namespaces: { own_namespace: true } },
    ]);
    expect(bySource('__meta_kubernetes_pod_annotation_prometheus_io_scrape')).toMatchObject({
      action: 'keep',
      regex: 'true',
    });
    expect(bySource('__meta_kubernetes_pod_annotation_prometheus_io_path')?.target_label).toBe('__metrics_path__');
    expect(bySource('__meta_kubernetes_pod_annotation_prometheus_io_port')?.target_label).toBe('__address__');
    expect(bySource('__meta_kubernetes_pod_label_app_kubernetes_io_component')?.target_label).toBe('role');
    // The live test (prometheus-live.test.ts) runs these relabel rules in a real Prometheus.
  });

  it('passes promtool check config (pod discovery grafted to file discovery where the build lacks it)', () => {
    const direct = runTool('promtool', ['check', 'config', repoPath('deploy/prometheus/prometheus.k8s.yml')]);
    if (direct.code === 0) return;
    // Debian's prometheus package is built without Kubernetes (and Consul) service discovery. Everything
    // else is checked by promtool on a copy whose kubernetes_sd_configs is swapped for file_sd_configs.
    expect(direct.output, 'the only acceptable failure is the missing discovery').toMatch(
      /field kubernetes_sd_configs not found/,
    );
    scratch = scratchCopy('prometheus');
    const config = loadConfig('prometheus.k8s.yml');
    const marketlens = job(config, 'marketlens');
    if (!marketlens) throw new Error('no marketlens job');
    delete marketlens.kubernetes_sd_configs;
    marketlens.file_sd_configs = [{ files: ['pods.json'] }];
    scratch.write('prometheus.k8s.yml', stringify(config));
    const grafted = runTool('promtool', ['check', 'config', scratch.path('prometheus.k8s.yml')]);
    expect(grafted.code, grafted.output).toBe(0);
    expect(grafted.output).toMatch(/SUCCESS: \d+ rules found/);
  });
});
