import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { readRepoFile, repoPath } from './repo';

// The monitoring files of deploy/ as the tests read them: Prometheus rules, Grafana dashboards.

export const RULES_DIR = repoPath('deploy/prometheus/rules');
export const RULE_TESTS_DIR = repoPath('deploy/prometheus/tests');
export const DASHBOARDS_DIR = repoPath('deploy/grafana/dashboards');

export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface RuleFile {
  file: string;
  groups: { name: string; rules: Rule[] }[];
}

const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort();

export const ruleFileNames = (): string[] => yamlFiles(RULES_DIR);
export const ruleTestFileNames = (): string[] => yamlFiles(RULE_TESTS_DIR);

export function loadRuleFiles(): RuleFile[] {
  return ruleFileNames().map((file) => ({
    file,
    ...(parse(readRepoFile('deploy/prometheus/rules', file)) as Omit<RuleFile, 'file'>),
  }));
}

export const allRules = (): Rule[] => loadRuleFiles().flatMap((f) => f.groups.flatMap((g) => g.rules));
export const alertRules = (): Rule[] => allRules().filter((r) => r.alert);
export const recordedNames = (): string[] => allRules().flatMap((r) => (r.record ? [r.record] : []));

export interface DashboardTarget {
  refId: string;
  expr: string;
  datasource?: { type?: string; uid?: string };
}
export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type?: string; uid?: string };
  targets?: DashboardTarget[];
  panels?: DashboardPanel[];
}
export interface DashboardVariable {
  name: string;
  type: string;
  datasource?: { type?: string; uid?: string };
  query?: unknown;
}
export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: DashboardPanel[];
  templating?: { list: DashboardVariable[] };
  time?: { from: string; to: string };
}

export const DASHBOARD_FILES = ['operational.json', 'business.json'] as const;

export function loadDashboard(file: string): Dashboard {
  return JSON.parse(readRepoFile('deploy/grafana/dashboards', file)) as Dashboard;
}

/** Every panel, including those nested in collapsed rows. */
export function flatPanels(dashboard: Dashboard): DashboardPanel[] {
  return dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

export function panelQueries(file: string): PanelQuery[] {
  const dashboard = loadDashboard(file);
  return flatPanels(dashboard).flatMap((p) =>
    (p.targets ?? []).map((t) => ({ dashboard: file, panel: p.title, expr: t.expr })),
  );
}

/**
 * A panel query as Prometheus receives it from Grafana: dashboard variables are multi-value regex matchers
 * (`=~"$role"`), so "All" is `.*`; $__rate_interval is a few scrape intervals (the test scrapes every second).
 */
export function expandGrafanaVariables(expr: string, rateInterval = '30s'): string {
  return expr.replaceAll('$__rate_interval', rateInterval).replace(/\$[a-z_]+/g, '.*');
}
