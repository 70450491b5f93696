#!/usr/bin/env node
// CI gate over `npm audit --omit=dev`: fails when a production dependency has an advisory of high or critical
// severity that a release already fixes (npm's `fixAvailable`), because then upgrading is the job. A finding
// that no release fixes yet is printed without failing, and so is an audit endpoint that cannot be reached
// (then nothing was checked, and the log says so; NPM_AUDIT_REQUIRED=1 makes that fail too).
// The decision is a pure function of npm's JSON report, tested in apps/server/test/npm-audit-gate.test.ts.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const SEVERITY_RANK = { info: 0, low: 1, moderate: 2, high: 3, critical: 4 };

/** What npm offers as the fix: false, true (`npm audit fix`) or the package and version to move to. */
function describeFix(fixAvailable) {
  if (fixAvailable === false || fixAvailable === undefined) return null;
  if (fixAvailable === true) return 'npm audit fix';
  const major = fixAvailable.isSemVerMajor ? ' (semver-major)' : '';
  return `${fixAvailable.name}@${fixAvailable.version}${major}`;
}

/**
 * Decides from `npm audit --json` (report format 2, npm 7+) whether CI fails.
 * @param {unknown} report the parsed JSON, or undefined when npm printed none
 * @param {string} level the lowest severity that counts ('high' counts high and critical)
 */
export function decide(report, level = 'high') {
  const minimum = SEVERITY_RANK[level];
  if (minimum === undefined) throw new Error(`unknown audit level "${level}"`);
  if (report === null || typeof report !== 'object' || !('vulnerabilities' in report)) {
    const reason =
      (report && typeof report === 'object' && (report.error?.summary || report.message)) ||
      'npm printed no audit report';
    return { verdict: 'unavailable', reason, blocking: [], unfixed: [] };
  }
  const findings = Object.values(report.vulnerabilities)
    .filter((v) => (SEVERITY_RANK[v.severity] ?? 0) >= minimum)
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      range: v.range,
      fix: describeFix(v.fixAvailable),
      advisories: (v.via ?? []).filter((via) => typeof via === 'object').map((via) => via.url ?? via.title),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const blocking = findings.filter((f) => f.fix !== null);
  const unfixed = findings.filter((f) => f.fix === null);
  return { verdict: blocking.length > 0 ? 'fail' : 'pass', blocking, unfixed };
}

/** The lines CI prints for a decision. */
export function describeDecision(decision, level = 'high') {
  const line = (f) =>
    `  ${f.severity} ${f.name} ${f.range ?? ''} -> ${f.fix ?? 'no fix released yet'}` +
    (f.advisories.length > 0 ? ` (${f.advisories.join(', ')})` : '');
  if (decision.verdict === 'unavailable') {
    return [`npm audit: could not audit (${decision.reason}); production dependencies were NOT checked`];
  }
  const lines = [];
  if (decision.blocking.length > 0) {
    lines.push(`npm audit: ${decision.blocking.length} ${level}+ finding(s) with a fix available; upgrade:`);
    lines.push(...decision.blocking.map(line));
  }
  if (decision.unfixed.length > 0) {
    lines.push(`npm audit: ${decision.unfixed.length} ${level}+ finding(s) without a released fix (not failing):`);
    lines.push(...decision.unfixed.map(line));
  }
  if (lines.length === 0) lines.push(`npm audit: no ${level} or critical findings in production dependencies`);
  return lines;
}

function main() {
  const level = process.env.NPM_AUDIT_LEVEL ?? 'high';
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // npm exits non-zero both for findings and for errors; the JSON says which.
  const run = spawnSync(npm, ['audit', '--omit=dev', `--audit-level=${level}`, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = undefined;
  }
  const decision = decide(report, level);
  for (const text of describeDecision(decision, level)) console.log(text);
  const failOnUnavailable = process.env.NPM_AUDIT_REQUIRED === '1';
  process.exitCode = decision.verdict === 'fail' || (decision.verdict === 'unavailable' && failOnUnavailable) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
