import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, describeDecision } from '../../../scripts/npm-audit-gate.mjs';

// The CI dependency gate (scripts/npm-audit-gate.mjs) over npm audit reports in npm 11's JSON format. The
// advisories in the fixtures are real ones; `endpoint-unavailable.json` is what this machine's registry answered
// (host redacted): it does not serve the bulk advisory endpoint.

const FIXTURES = resolve(import.meta.dirname, 'fixtures/npm-audit');
const GATE = resolve(import.meta.dirname, '../../../scripts/npm-audit-gate.mjs');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));

describe('npm audit gate: the decision', () => {
  it('passes a clean report', () => {
    expect(decide(fixture('clean'))).toEqual({ verdict: 'pass', blocking: [], unfixed: [] });
  });

  it('fails on a high finding that has a fix, ignoring a moderate one', () => {
    const decision = decide(fixture('high-with-fix'));
    expect(decision.verdict).toBe('fail');
    expect(decision.blocking.map((f) => [f.name, f.fix])).toEqual([['cross-spawn', 'npm audit fix']]);
    expect(decision.unfixed, 'the moderate braces advisory is below the level').toEqual([]);
    expect(describeDecision(decision).join('\n')).toMatch(/cross-spawn.*GHSA-3xgq-45jj-v275/);
  });

  it('passes, but lists them, when no release fixes the high findings yet', () => {
    const decision = decide(fixture('high-without-fix'));
    expect(decision.verdict).toBe('pass');
    expect(decision.unfixed.map((f) => f.name)).toEqual(['ip', 'socks']);
    expect(describeDecision(decision)[0]).toMatch(/2 high\+ finding\(s\) without a released fix \(not failing\)/);
  });

  it('counts critical as above high, and a semver-major fix as a fix', () => {
    const decision = decide(fixture('critical-and-high-mixed'));
    expect(decision.verdict).toBe('fail');
    expect(decision.blocking.map((f) => [f.name, f.severity, f.fix])).toEqual([
      ['express', 'critical', 'express@5.1.0 (semver-major)'],
      ['path-to-regexp', 'high', 'express@4.21.2'],
    ]);
    expect(decision.unfixed.map((f) => f.name)).toEqual(['ip']);
    expect(decide(fixture('critical-and-high-mixed'), 'critical').blocking.map((f) => f.name)).toEqual(['express']);
  });

  it('says the audit could not run, rather than passing silently, when the endpoint fails or prints nothing', () => {
    const decision = decide(fixture('endpoint-unavailable'));
    expect(decision.verdict).toBe('unavailable');
    expect(describeDecision(decision)[0]).toMatch(/405 Method Not Allowed.*NOT checked/);
    expect(decide(undefined).verdict).toBe('unavailable');
  });
});

describe('npm audit gate: the exit code CI sees', () => {
  /** Runs the gate with a stand-in `npm` on PATH that prints a fixture and exits 1, as npm audit does. */
  function runGate(name: string, env: Record<string, string> = {}) {
    const bin = mkdtempSync(join(tmpdir(), 'fake-npm-'));
    try {
      const npm = join(bin, 'npm');
      writeFileSync(npm, `#!/bin/sh\ncat '${join(FIXTURES, `${name}.json`)}'\nexit 1\n`);
      chmodSync(npm, 0o755);
      return spawnSync(process.execPath, [GATE], {
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ...env },
      });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }

  it('exits 1 on a fixable high finding and 0 on a clean or unfixable report', () => {
    expect(runGate('high-with-fix').status).toBe(1);
    expect(runGate('high-without-fix').status).toBe(0);
    expect(runGate('clean').stdout).toMatch(/no high or critical findings/);
  });

  it('exits 0 when the audit cannot run, unless NPM_AUDIT_REQUIRED=1', () => {
    const lenient = runGate('endpoint-unavailable');
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toMatch(/could not audit/);
    expect(runGate('endpoint-unavailable', { NPM_AUDIT_REQUIRED: '1' }).status).toBe(1);
  });
});
