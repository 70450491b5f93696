import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { kubectlPath } from '../support/k8s-build';
import { PHASE_CALLS, createFakeKubectl, type KubectlCall } from '../support/k8s-fake-kubectl';
import { repoPath } from '../support/repo';

// deploy/k8s/apply.sh against a stand-in for kubectl that renders the real manifests and records every call:
// the order is the point (config, then the migration with the release's image, then the pods).
const SCRIPT = repoPath('deploy/k8s/apply.sh');
const fake = createFakeKubectl(kubectlPath());
const scratch = mkdtempSync(join(tmpdir(), 'marketlens-apply-'));
afterAll(() => {
  fake.remove();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(SCRIPT, args, { encoding: 'utf8', env: fake.env(env), cwd: repoPath() });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, calls: fake.calls() };
}

const verb = (c: KubectlCall): string => {
  const [command, what] = c.args;
  if (command === 'apply') return `apply ${c.args[c.args.indexOf('-l') + 1]}`;
  if (command === 'rollout') return `rollout ${c.args[2]}`;
  return `${command} ${what}`;
};
const applies = (calls: KubectlCall[], selector: string) =>
  calls.filter((c) => c.args[0] === 'apply' && c.args.includes(selector)).flatMap((c) => c.applied ?? []);

describe('apply.sh', () => {
  it('prepares, migrates with the release image and waits, then rolls out the rest (prod)', () => {
    const { status, output, calls } = run(['deploy/k8s/overlays/prod']);
    expect(status, output).toBe(0);
    expect(calls.map(verb)).toEqual([
      'kustomize deploy/k8s/overlays/prod',
      ...PHASE_CALLS,
      'rollout deployment.apps/marketlens-api',
      'rollout deployment.apps/marketlens-bot',
      'rollout deployment.apps/marketlens-engine',
      'rollout deployment.apps/marketlens-scheduler',
      'rollout deployment.apps/marketlens-web',
      'rollout deployment.apps/marketlens-worker',
    ]);
    expect(
      applies(calls, 'marketlens.io/phase=prepare')
        .map((n) => n.replace(/^(configmap\/marketlens-config)-\w+$/, '$1-HASH'))
        .sort(),
    ).toEqual(['configmap/marketlens-config-HASH', 'namespace/marketlens-prod', 'serviceaccount/marketlens']);
    expect(applies(calls, 'marketlens.io/phase=migrate')).toEqual(['job.batch/marketlens-migrate']);
    const rest = applies(calls, 'marketlens.io/phase!=migrate');
    expect(rest).not.toContain('job.batch/marketlens-migrate');
    expect(rest).toContain('ingress.networking.k8s.io/marketlens');
    // The hourly backup and its volume arrive with the release; a CronJob has no rollout to wait for.
    expect(rest).toContain('cronjob.batch/marketlens-backup');
    expect(rest).toContain('persistentvolumeclaim/marketlens-backups');
    const files = new Set(calls.filter((c) => c.args[0] === 'apply').map((c) => c.args[c.args.indexOf('-f') + 1]));
    expect(files.size, 'every phase applies the same rendering').toBe(1);
    expect(new Set(calls.slice(1).map((c) => c.namespace))).toEqual(new Set(['marketlens-prod']));
  });

  it('waits for the in-cluster database of dev before it migrates', () => {
    const { status, output, calls } = run(['deploy/k8s/overlays/dev']);
    expect(status, output).toBe(0);
    const order = calls.map(verb);
    const migrate = order.indexOf('apply marketlens.io/phase=migrate');
    for (const store of ['postgres', 'redis', 'minio']) {
      expect(order.indexOf(`rollout statefulset.apps/marketlens-${store}`), store).toBeGreaterThan(0);
      expect(order.indexOf(`rollout statefulset.apps/marketlens-${store}`), store).toBeLessThan(migrate);
    }
    expect(applies(calls, 'marketlens.io/phase=prepare')).toContain('secret/marketlens-secrets');
  });

  it('polls the migration until it completes', () => {
    const { status, calls } = run(['deploy/k8s/overlays/staging'], {
      FAKE_JOB_CONDITIONS: ',SuccessCriteriaMet,Complete',
    });
    expect(status).toBe(0);
    expect(calls.filter((c) => c.args[1] === 'job/marketlens-migrate')).toHaveLength(3);
  });

  it('stops before any pod of the release starts when the migration fails, and shows its log', () => {
    const { status, output, calls } = run(['deploy/k8s/overlays/staging'], { FAKE_JOB_CONDITIONS: 'Failed' });
    expect(status).toBe(1);
    expect(output).toMatch(/job\/marketlens-migrate failed; nothing else was applied/);
    expect(output).toContain('FAKE MIGRATION LOG');
    expect(calls.map(verb)).toContain('logs job/marketlens-migrate');
    expect(calls.some((c) => c.args.includes('marketlens.io/phase!=migrate'))).toBe(false);
  });

  it('refuses to migrate without the Secret and says how to create it', () => {
    const { status, output, calls } = run(['deploy/k8s/overlays/prod'], { FAKE_NO_SECRET: '1' });
    expect(status).toBe(1);
    expect(output).toMatch(/Secret marketlens-secrets is missing in marketlens-prod.*README/);
    expect(calls.some((c) => c.args[0] === 'delete' || c.args.includes('marketlens.io/phase=migrate'))).toBe(false);
  });

  it('with --only deploys the idle colour and leaves the live Services alone', () => {
    const dir = 'deploy/k8s/examples/blue-green/prod-green';
    const { status, output, calls } = run(['--only', 'marketlens.io/color=green', dir]);
    expect(status, output).toBe(0);
    const rest = applies(calls, 'marketlens.io/phase!=migrate,marketlens.io/color=green');
    expect(rest).toContain('deployment.apps/marketlens-api-green');
    expect(rest).not.toContain('service/marketlens-api');
    expect(rest).not.toContain('deployment.apps/marketlens-worker');
    expect(
      calls
        .map(verb)
        .filter((v) => v.startsWith('rollout'))
        .sort(),
    ).toEqual(['rollout deployment.apps/marketlens-api-green', 'rollout deployment.apps/marketlens-web-green']);
  });

  it('applies already-rendered manifests as they are with --manifests, in the same phases', () => {
    const file = join(scratch, 'release.yaml');
    writeFileSync(file, execFileSync(kubectlPath(), ['kustomize', repoPath('deploy/k8s/overlays/prod')]));
    const { status, output, calls } = run(['--manifests', file]);
    expect(status, output).toBe(0);
    expect(
      calls.some((c) => c.args[0] === 'kustomize'),
      'nothing is rendered again',
    ).toBe(false);
    expect(calls.map(verb).slice(0, 6)).toEqual(PHASE_CALLS);
    const files = new Set(calls.filter((c) => c.args[0] === 'apply').map((c) => c.args[c.args.indexOf('-f') + 1]));
    expect([...files]).toEqual([file]);
    expect(existsSync(file), "the caller's file is left in place").toBe(true);
    expect(output).toContain(`deployed ${file} to marketlens-prod`);
  });

  it('exits 3 when the rollout phase fails, so a caller knows new pods may run', () => {
    const { status, output, calls } = run(['deploy/k8s/overlays/staging'], {
      FAKE_FAIL_ROLLOUT: 'marketlens-scheduler',
    });
    expect(status).toBe(3);
    expect(output).toMatch(/deployment.apps\/marketlens-scheduler did not become ready/);
    expect(output).toMatch(/the rollout phase failed/);
    expect(calls.map(verb)).toContain('apply marketlens.io/phase!=migrate');
  });

  it('exits 1, before the migration, when a prepare workload does not become ready (dev database)', () => {
    const { status, output, calls } = run(['deploy/k8s/overlays/dev'], { FAKE_FAIL_ROLLOUT: 'marketlens-postgres' });
    expect(status).toBe(1);
    expect(output).toMatch(/statefulset.apps\/marketlens-postgres did not become ready/);
    expect(calls.some((c) => c.args[0] === 'delete' || c.args.includes('marketlens.io/phase=migrate'))).toBe(false);
  });

  it('rejects a missing directory or file, both sources at once, and unknown options with a usage error', () => {
    expect(run(['deploy/k8s/overlays/nope']).status).toBe(2);
    expect(run(['--manifests', join(scratch, 'nope.yaml')]).status).toBe(2);
    expect(run(['--manifests']).status).toBe(2);
    const file = join(scratch, 'both.yaml');
    writeFileSync(file, '');
    expect(run(['--manifests', file, 'deploy/k8s/overlays/prod']).status).toBe(2);
    expect(run(['--force', 'deploy/k8s/overlays/prod']).status).toBe(2);
    expect(run([]).status).toBe(2);
    expect(fake.calls(), 'a usage error touches no cluster').toEqual([]);
  });

  it('passes shellcheck', () => {
    const check = spawnSync('shellcheck', [SCRIPT], { encoding: 'utf8' });
    if (check.error) throw new Error('shellcheck is not installed: apt-get install -y shellcheck');
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
