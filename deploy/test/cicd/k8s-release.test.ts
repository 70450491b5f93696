import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { kubectlPath } from '../support/k8s-build';
import { PHASE_CALLS, createFakeKubectl, type KubectlCall } from '../support/k8s-fake-kubectl';
import { repoPath } from '../support/repo';

// deploy.yml hands the Kubernetes work to deploy/scripts/k8s-release.sh; these tests render the real overlays
// with the real kubectl, and watch a release (its phases are deploy/k8s/apply.sh's, tested in
// deploy/test/k8s/apply-script.test.ts) and its rollbacks against a recording stand-in for the cluster.
const SERVER = 'ghcr.io/acme/marketlens-server:0123456789abcdef';
const WEB = 'ghcr.io/acme/marketlens-web:0123456789abcdef';
const BACKUP = 'ghcr.io/acme/marketlens-backup:0123456789abcdef';
const DEPLOYMENTS = [
  'marketlens-api',
  'marketlens-bot',
  'marketlens-engine',
  'marketlens-scheduler',
  'marketlens-web',
  'marketlens-worker',
];

interface K8sDoc {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: PodOwnerSpec & { jobTemplate?: { spec?: PodOwnerSpec } };
}
interface PodOwnerSpec {
  template?: { spec?: { containers?: { image: string }[]; initContainers?: { image: string }[] } };
}

function render(overlay: string) {
  const run = spawnSync('bash', [repoPath('deploy/scripts/k8s-release.sh'), 'render', overlay, SERVER, WEB, BACKUP], {
    cwd: repoPath(),
    encoding: 'utf8',
    env: { ...process.env, KUBECTL: kubectlPath() },
  });
  const docs = run.status === 0 ? parseAllDocuments(run.stdout).map((d) => d.toJS() as K8sDoc) : [];
  return { status: run.status, stderr: run.stderr, docs };
}

const imagesOf = (doc: K8sDoc) => {
  const pod = (doc.kind === 'CronJob' ? doc.spec?.jobTemplate?.spec : doc.spec)?.template?.spec;
  return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c) => c.image);
};

describe('k8s-release.sh render', () => {
  it.each([
    ['deploy/k8s/overlays/staging', 'marketlens-staging'],
    ['deploy/k8s/overlays/prod', 'marketlens-prod'],
  ])('pins every container of %s to the release images and leaves the Secret template out', (overlay, namespace) => {
    const { status, stderr, docs } = render(overlay);
    expect(status, stderr).toBe(0);
    const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
    expect(
      byKind('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(DEPLOYMENTS);
    expect(byKind('Job').map((d) => d.metadata.name)).toEqual(['marketlens-migrate']);
    expect(byKind('Secret'), 'the real Secret lives in the cluster').toEqual([]);
    expect(byKind('Namespace').map((d) => d.metadata.name)).toEqual([namespace]);
    const images = new Set(docs.flatMap(imagesOf));
    expect([...images].sort()).toEqual([BACKUP, SERVER, WEB]);
    expect(imagesOf(byKind('Job')[0] as K8sDoc)).toEqual([SERVER]);
    expect(byKind('CronJob').map((d) => [d.metadata.name, imagesOf(d)])).toEqual([['marketlens-backup', [BACKUP]]]);
    expect(imagesOf(byKind('Deployment').find((d) => d.metadata.name === 'marketlens-web') as K8sDoc)).toEqual([WEB]);
  });

  it('refuses a render that does not name the backup image', () => {
    const run = spawnSync(
      'bash',
      [repoPath('deploy/scripts/k8s-release.sh'), 'render', 'deploy/k8s/overlays/prod', SERVER, WEB],
      { cwd: repoPath(), encoding: 'utf8', env: { ...process.env, KUBECTL: kubectlPath() } },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('BACKUP_IMAGE');
  });

  it('refuses a render in which a MarketLens container would keep another image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marketlens-overlay-'));
    try {
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [engine.yaml]\n');
      writeFileSync(
        join(dir, 'engine.yaml'),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: engine}\nspec: {containers: [{name: e, image: "marketlens/engine:1"}]}\n',
      );
      const { status, stderr } = render(dir);
      expect(status).not.toBe(0);
      expect(stderr).toContain("containers would run other images than the release's: marketlens/engine:1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('k8s-release.sh deploy and rollback (against a recording stand-in for the cluster)', () => {
  const fake = createFakeKubectl(kubectlPath());
  afterAll(() => fake.remove());
  beforeEach(() => fake.reset());

  const release = (args: string[], env: Record<string, string> = {}) => {
    const run = spawnSync('bash', [repoPath('deploy/scripts/k8s-release.sh'), ...args], {
      cwd: repoPath(),
      encoding: 'utf8',
      env: fake.env(env),
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}`, calls: fake.calls() };
  };
  const deployStaging = (env: Record<string, string> = {}) =>
    release(['deploy', 'deploy/k8s/overlays/staging', SERVER, WEB, BACKUP], env);
  const step = (c: KubectlCall): string => {
    const [command, what] = c.args;
    if (command === 'apply') return `apply ${c.args[c.args.indexOf('-l') + 1]}`;
    if (command === 'rollout') return `rollout ${what} ${c.args[2]?.split('/').pop()}`;
    return `${command} ${what}`;
  };
  const applyOf = (calls: KubectlCall[], selector: string) =>
    calls.find((c) => c.args[0] === 'apply' && c.args.includes(selector));

  it('adds the Secret to the prepare phase, then lets apply.sh migrate with the release image and roll out', () => {
    const secret = 'postgres://app:TOP-SECRET-VALUE@db:5432/marketlens';
    const { status, output, calls } = deployStaging({
      SECRET_DATABASE_URL: secret,
      SECRET_REDIS_URL: 'redis://r:6379',
      FAKE_NO_SECRET: '1',
    });
    expect(status, output).toBe(0);
    const steps = calls.map(step).filter((s) => !s.startsWith('kustomize'));
    // `create secret | label --local` is one pipeline: both start at once, in either order.
    expect(steps.slice(0, 2).sort(), 'the Secret is built first').toEqual(['create secret', 'label --local']);
    expect(steps.slice(2, 8)).toEqual(PHASE_CALLS);
    expect(steps.slice(8).sort()).toEqual(DEPLOYMENTS.map((d) => `rollout status ${d}`));
    const prepare = applyOf(calls, 'marketlens.io/phase=prepare');
    expect(prepare?.applied).toContain('secret/marketlens-secrets');
    expect(prepare?.secretKeys, 'only the values given become keys').toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(prepare?.namespace).toBe('marketlens-staging');
    expect(applyOf(calls, 'marketlens.io/phase=migrate')?.images, 'migrates with the release image').toEqual([SERVER]);
    expect(applyOf(calls, 'marketlens.io/phase!=migrate')?.images).toEqual([BACKUP, SERVER, WEB]);
    expect(output).toContain('marketlens-secrets (DATABASE_URL,REDIS_URL)');
    expect(fake.rawLog(), 'secret values never reach a command line').not.toContain('TOP-SECRET-VALUE');
    expect(output).not.toContain('TOP-SECRET-VALUE');
  });

  it('keeps the cluster Secret when no values are given, and fails before migrating when there is none', () => {
    const kept = deployStaging();
    expect(kept.status, kept.output).toBe(0);
    expect(kept.calls.some((c) => c.args[0] === 'create')).toBe(false);
    expect(applyOf(kept.calls, 'marketlens.io/phase=prepare')?.applied).not.toContain('secret/marketlens-secrets');
    fake.reset();
    const missing = deployStaging({ FAKE_NO_SECRET: '1' });
    expect(missing.status).toBe(1);
    expect(missing.output).toContain('Secret marketlens-secrets is missing in marketlens-staging');
    expect(missing.calls.some((c) => c.args[0] === 'delete' || c.args[0] === 'rollout')).toBe(false);
  });

  it('stops before any new pod when the migration fails, shows its log and rolls nothing back', () => {
    const { status, output, calls } = deployStaging({ FAKE_JOB_CONDITIONS: 'Failed' });
    expect(status).toBe(1);
    expect(output).toContain('FAKE MIGRATION LOG');
    expect(output).toContain('job/marketlens-migrate failed; nothing else was applied');
    expect(output).toContain('nothing to roll back');
    expect(applyOf(calls, 'marketlens.io/phase!=migrate'), 'nothing after the Job is applied').toBeUndefined();
    expect(calls.some((c) => c.args[0] === 'rollout')).toBe(false);
  });

  it('rolls every Deployment back when one rollout fails', () => {
    const { status, output, calls } = deployStaging({ FAKE_FAIL_ROLLOUT: 'marketlens-worker' });
    expect(status).toBe(1);
    expect(output).toContain('release failed and was rolled back');
    const undo = calls.filter((c) => c.args[0] === 'rollout' && c.args[1] === 'undo');
    expect(undo.map(step).sort()).toEqual(DEPLOYMENTS.map((d) => `rollout undo ${d}`));
    expect(new Set(undo.map((c) => c.namespace))).toEqual(new Set(['marketlens-staging']));
  });

  it('says so when the rollback itself does not finish', () => {
    const { status, output } = deployStaging({ FAKE_STUCK_ROLLOUT: 'marketlens-worker' });
    expect(status).toBe(1);
    expect(output).toContain('still not ready: deployment.apps/marketlens-worker');
    expect(output).toContain('the rollback did not finish: look at the cluster now');
  });

  it('rollback undoes every MarketLens Deployment of the namespace and waits for them', () => {
    const { status, output, calls } = release(['rollback', 'marketlens-prod']);
    expect(status, output).toBe(0);
    const list = calls.find((c) => c.args[0] === 'get' && c.args[1] === 'deployments');
    expect(list?.args).toEqual(['get', 'deployments', '-l', 'app.kubernetes.io/name=marketlens', '-o', 'name']);
    expect(list?.namespace).toBe('marketlens-prod');
    expect(calls.map(step).filter((c) => c.startsWith('rollout undo'))).toEqual(
      DEPLOYMENTS.map((d) => `rollout undo ${d}`),
    );
    expect(calls.map(step).filter((c) => c.startsWith('rollout status'))).toHaveLength(DEPLOYMENTS.length);
  });
});
