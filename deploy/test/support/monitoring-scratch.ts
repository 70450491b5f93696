import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { repoPath } from './repo';

/**
 * A throw-away copy of deploy/prometheus (or deploy/alertmanager) under the OS temp folder, for proving that a
 * check fails once a file is broken. The repository is never touched.
 */
export interface ScratchCopy {
  dir: string;
  path(...parts: string[]): string;
  read(...parts: string[]): string;
  write(relative: string, text: string): void;
  remove(): void;
}

export function scratchCopy(deployFolder: 'prometheus' | 'alertmanager'): ScratchCopy {
  const dir = mkdtempSync(join(tmpdir(), `ml-${deployFolder}-`));
  cpSync(repoPath('deploy', deployFolder), dir, { recursive: true });
  const path = (...parts: string[]) => join(dir, ...parts);
  return {
    dir,
    path,
    read: (...parts) => readFileSync(path(...parts), 'utf8'),
    write: (relative, text) => writeFileSync(path(relative), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Replaces the expression of every rule alerting as, or recording, `name` in a rules file's text. */
export function withRuleExpr(rulesYaml: string, name: string, expr: string): string {
  const doc = parseDocument(rulesYaml);
  const groups = doc.toJS() as { groups: { rules: { alert?: string; record?: string }[] }[] };
  let replaced = 0;
  groups.groups.forEach((group, g) =>
    group.rules.forEach((rule, r) => {
      if (rule.alert !== name && rule.record !== name) return;
      doc.setIn(['groups', g, 'rules', r, 'expr'], expr);
      replaced += 1;
    }),
  );
  if (replaced === 0) throw new Error(`no rule ${name} in this file`);
  return doc.toString();
}

/**
 * A promtool unit-test file's text keeping only the test groups that check `alert` (an alert_rule_test names
 * it). promtool evaluates an alert only where a group names it, so the others cannot pass or fail on it; some
 * of them replay days of samples and would only add seconds to each broken-alert case.
 */
export function withOnlyTestsOf(ruleTestYaml: string, alert: string): string {
  const doc = parseDocument(ruleTestYaml);
  const tests = (doc.toJS() as { tests: { alert_rule_test?: { alertname: string }[] }[] }).tests;
  const kept = tests.filter((t) => (t.alert_rule_test ?? []).some((a) => a.alertname === alert));
  if (kept.length === 0) throw new Error(`no test group checks ${alert}`);
  doc.set('tests', kept);
  return doc.toString();
}
