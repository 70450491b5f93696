import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile } from '../support/repo';
import { requireTool, runTool } from '../support/prom-tools';
import { TIMEFRAME_MS } from '../../../packages/quant/src/bars/timeframe';
import {
  alertRules,
  allRules,
  DASHBOARD_FILES,
  loadRuleFiles,
  panelQueries,
  recordedNames,
  RULE_TESTS_DIR,
  RULES_DIR,
  ruleFileNames,
  ruleTestFileNames,
} from '../support/monitoring-files';
import { metricNames } from '../support/promql-metrics';
import { scratchCopy, withOnlyTestsOf, withRuleExpr, type ScratchCopy } from '../support/monitoring-scratch';

// Every rules file passes promtool, every alert carries what on-call needs, and the promtool unit tests in
// deploy/prometheus/tests prove each alert fires on a failing series and stays silent on a healthy one.

interface RuleTestFile {
  rule_files: string[];
  tests: { name: string; alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}
const loadRuleTest = (file: string) => parse(readRepoFile('deploy/prometheus/tests', file)) as RuleTestFile;

/** The unit-test files that load a given rules file. */
const testsLoading = (ruleFile: string) =>
  ruleTestFileNames().filter((t) => loadRuleTest(t).rule_files.includes(`../rules/${ruleFile}`));

/** True when a unit-test file has a group that checks the alert. */
const testsChecking = (file: string, alert: string) =>
  loadRuleTest(file).tests.some((t) => (t.alert_rule_test ?? []).some((a) => a.alertname === alert));

/** A Kubernetes memory quantity in MiB (Mi and Gi are what the manifests use). */
function mebibytes(quantity: string): number {
  const [, amount, unit] = /^(\d+)(Mi|Gi)$/.exec(quantity) ?? [];
  return Number(amount) * (unit === 'Gi' ? 1024 : 1);
}

const runbook = readRepoFile('docs/runbooks.md');
const runbookHeadings = [...runbook.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '');

beforeAll(() => requireTool('promtool'));

describe('rule files', () => {
  it.each(ruleFileNames())('%s passes promtool check rules', (file) => {
    const result = runTool('promtool', ['check', 'rules', `${RULES_DIR}/${file}`]);
    expect(result.code, result.output).toBe(0);
  });

  describe('a broken copy fails promtool check rules', () => {
    let scratch: ScratchCopy;
    beforeAll(() => (scratch = scratchCopy('prometheus')));
    afterAll(() => scratch.remove());

    it('with a PromQL syntax error', () => {
      scratch.write(
        'rules/broken.yml',
        withRuleExpr(readRepoFile('deploy/prometheus/rules/http.alerts.yml'), 'HighErrorRate', 'rate(x[5m]'),
      );
      const result = runTool('promtool', ['check', 'rules', scratch.path('rules/broken.yml')]);
      expect(result.code, result.output).not.toBe(0);
    });

    it('with an annotation template that does not parse', () => {
      const text = readRepoFile('deploy/prometheus/rules/jobs.alerts.yml').replace(
        '{{ $value | humanizeDuration }} ago',
        '{{ $value | humanizeDurationn }} ago',
      );
      scratch.write('rules/broken.yml', text);
      const result = runTool('promtool', ['check', 'rules', scratch.path('rules/broken.yml')]);
      expect(result.code, result.output).not.toBe(0);
    });
  });

  it('give every alert a severity, a summary, a description and a runbook entry', () => {
    const alerts = alertRules();
    expect(alerts.length).toBeGreaterThan(10);
    for (const rule of alerts) {
      const name = rule.alert ?? '';
      expect(['critical', 'warning'], `${name} severity`).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, `${name} summary`).toBeTruthy();
      expect(rule.annotations?.description, `${name} description`).toBeTruthy();
      expect(rule.annotations?.runbook_url, `${name} runbook_url`).toBe(`docs/runbooks.md#${name.toLowerCase()}`);
      expect(runbookHeadings, `docs/runbooks.md needs a "## ${name}" entry`).toContain(name);
    }
  });

  it('leave no runbook entry without its alert', () => {
    const alerts = new Set(alertRules().map((r) => r.alert));
    const entries = runbookHeadings.filter(
      (h) => !['Before you start', 'Coming with notification delivery'].includes(h),
    );
    expect(entries.filter((h) => !alerts.has(h))).toEqual([]);
  });

  it('include the alerts the plans ask for', () => {
    const names = alertRules().map((r) => r.alert);
    for (const wanted of [
      'MarketLensDown',
      'DatabaseUnreachable',
      'CacheUnreachable',
      'QueueUnreachable',
      'HighErrorRate',
      'HighLatencyP95',
      'JobFailures',
      'QueueBacklog',
      'PredictionAccuracyDrop',
      'IngestionStale',
      'ProcessMemoryHigh',
      'EventLoopLagHigh',
      'FileDescriptorsHigh',
      'SignalFeedStale',
      'NoSignalsWhileFeedsLive',
    ]) {
      expect(names).toContain(wanted);
    }
  });

  it("warn about memory at 70-85% of each role's container limit in deploy/k8s/base", () => {
    const rule = alertRules().find((r) => r.alert === 'ProcessMemoryHigh');
    const thresholds = Object.fromEntries(
      [...(rule?.expr ?? '').matchAll(/role="(\w+)"\} > (\d+) \* 1024 \* 1024/g)].map((m) => [m[1], Number(m[2])]),
    );
    for (const role of ['api', 'worker', 'scheduler', 'engine']) {
      const deployment = parse(readRepoFile(`deploy/k8s/base/deployment-${role}.yaml`)) as {
        spec: { template: { spec: { containers: { resources?: { limits?: { memory?: string } } }[] } } };
      };
      const limit = deployment.spec.template.spec.containers[0]?.resources?.limits?.memory ?? '';
      const share = (thresholds[role] ?? NaN) / mebibytes(limit);
      expect(share, `${role}: threshold ${thresholds[role]} MiB vs limit ${limit}`).toBeGreaterThanOrEqual(0.7);
      expect(share, `${role}: threshold ${thresholds[role]} MiB vs limit ${limit}`).toBeLessThanOrEqual(0.85);
    }
  });
});

describe('promtool unit tests (deploy/prometheus/tests)', () => {
  it.each(ruleTestFileNames())('%s passes promtool test rules', (file) => {
    const result = runTool('promtool', ['test', 'rules', file], { cwd: RULE_TESTS_DIR });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS/);
  });

  it('expect every alert to fire in at least one test', () => {
    const firing = new Set(
      ruleTestFileNames().flatMap((file) =>
        loadRuleTest(file).tests.flatMap((t) =>
          (t.alert_rule_test ?? []).filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname),
        ),
      ),
    );
    expect(
      alertRules()
        .filter((r) => !firing.has(r.alert ?? ''))
        .map((r) => r.alert),
    ).toEqual([]);
  });

  describe('fail when an alert is broken', () => {
    let scratch: ScratchCopy;
    beforeAll(() => (scratch = scratchCopy('prometheus')));
    afterAll(() => scratch.remove());

    const cases = loadRuleFiles().flatMap((file) =>
      [...new Set(file.groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))))].map(
        (alert) => [alert, file.file] as const,
      ),
    );

    // An alert that can never fire breaks its firing expectations; one that always fires (with no labels)
    // breaks its silent and labelled expectations. Either must turn the unit tests red.
    it.each(cases)('%s (%s): never firing, or always firing, fails its unit tests', (alert, ruleFile) => {
      const original = readRepoFile('deploy/prometheus/rules', ruleFile);
      const testFiles = testsLoading(ruleFile).filter((file) => testsChecking(file, alert));
      expect(testFiles.length, `a unit-test file loading ${ruleFile} must check ${alert}`).toBeGreaterThan(0);
      // Only the groups that check this alert run: the others cannot fail on it (withOnlyTestsOf).
      const focused = testFiles.map((file) => {
        const name = `focused-${file}`;
        scratch.write(`tests/${name}`, withOnlyTestsOf(readRepoFile('deploy/prometheus/tests', file), alert));
        return name;
      });
      for (const expr of ['vector(1) == 0', 'vector(1)']) {
        scratch.write(`rules/${ruleFile}`, withRuleExpr(original, alert, expr));
        const result = runTool('promtool', ['test', 'rules', ...focused], { cwd: scratch.path('tests') });
        expect(result.code, `${alert} as "${expr}" must fail ${testFiles.join(', ')}`).not.toBe(0);
        expect(result.output).toContain(alert);
      }
      scratch.write(`rules/${ruleFile}`, original);
    });

    it.each(recordedNames())('%s: a wrong value fails the unit tests', (record) => {
      const original = readRepoFile('deploy/prometheus/rules/recording.rules.yml');
      scratch.write('rules/recording.rules.yml', withRuleExpr(original, record, 'vector(42)'));
      // One failing file is enough, so the recording rules' own (quick) tests go first; the files behind them
      // replay days of samples for the alerts that read the records, and run only when those miss it.
      const files = testsLoading('recording.rules.yml').sort(
        (a, b) => Number(b === 'recording.test.yml') - Number(a === 'recording.test.yml'),
      );
      const failing = files.find(
        (file) => runTool('promtool', ['test', 'rules', file], { cwd: scratch.path('tests') }).code !== 0,
      );
      scratch.write('rules/recording.rules.yml', original);
      expect(failing, `${record} recording 42 must fail a unit test`).toBeDefined();
    });
  });
});

describe('recording rules', () => {
  it("record each timeframe's bar length as quant defines it (the stale-feed thresholds count in bars)", () => {
    const rule = allRules().find((r) => r.record === 'timeframe:marketlens_bar_duration_seconds:const');
    const recorded = Object.fromEntries(
      [...(rule?.expr ?? '').matchAll(/vector\((\d+)\), "timeframe", "(\w+)"/g)].map((m) => [m[2], Number(m[1])]),
    );
    const quant = Object.fromEntries(Object.entries(TIMEFRAME_MS).map(([timeframe, ms]) => [timeframe, ms / 1000]));
    expect(recorded, 'a timeframe missing from the rule would never be watched').toEqual(quant);
  });

  it('each feed an alert, another rule or a dashboard panel', () => {
    const readers = [
      ...loadRuleFiles().flatMap((f) => f.groups.flatMap((g) => g.rules.map((r) => r.expr))),
      ...DASHBOARD_FILES.flatMap(panelQueries).map((q) => q.expr),
    ].flatMap(metricNames);
    expect(recordedNames().filter((name) => !readers.includes(name))).toEqual([]);
  });
});
