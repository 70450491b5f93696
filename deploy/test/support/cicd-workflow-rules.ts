import { accessSync, constants, existsSync } from 'node:fs';
import { repoPath } from './repo';
import { ancestors, environmentOf, needsOf, type Job, type Step, type Workflow } from './cicd-workflows';

// Cross-checks a schema cannot make: the jobs' wiring, pinned actions, least privilege, and that every file a
// workflow names exists. Each rule returns problems in words; the tests run them on the real workflows (no
// problem) and on broken copies (the problem is named).

const steps = (job: Job | undefined): Step[] => job?.steps ?? [];
const allSteps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => steps(j));
const runs = (job: Job | undefined): string =>
  steps(job)
    .map((s) => s.run ?? '')
    .join('\n');
const uses = (job: Job | undefined, action: string): Step[] =>
  steps(job).filter((s) => s.uses?.startsWith(`${action}@`));

/** A version tag (v4, v1.2.3, v0.36.0) or a full commit sha; never a branch. */
const PINNED = /@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

export function commonProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const [name, job] of Object.entries(wf.jobs)) {
    for (const need of needsOf(job)) if (!wf.jobs[need]) problems.push(`job ${name} needs ${need}, which is no job`);
    if (ancestors(wf, name).has(name)) problems.push(`job ${name} needs itself (a cycle)`);
  }
  for (const step of allSteps(wf)) {
    if (step.uses && !step.uses.startsWith('./') && !PINNED.test(step.uses)) {
      problems.push(`${step.uses} is not pinned to a version tag or commit`);
    }
  }
  const perms = wf.permissions;
  if (typeof perms !== 'object' || perms.contents !== 'read' || Object.keys(perms).length !== 1) {
    problems.push('workflow permissions must be exactly { contents: read } (jobs widen them where needed)');
  }
  for (const [name, job] of Object.entries(wf.jobs)) {
    if (typeof job.permissions === 'string') problems.push(`job ${name} grants ${job.permissions} permissions`);
  }
  if (!wf.concurrency) problems.push('no concurrency group');
  return problems;
}

const triggers = (wf: Workflow): string[] =>
  typeof wf.on === 'string' ? [wf.on] : Array.isArray(wf.on) ? wf.on : Object.keys(wf.on);

/** Files a step's `file:` input names, with `${{ matrix.image }}` expanded over the matrix. */
function dockerfiles(job: Job): string[] {
  const images = (job.strategy?.matrix?.image as string[] | undefined) ?? [''];
  return uses(job, 'docker/build-push-action').flatMap((s) =>
    images.map((image) => String(s.with?.file ?? '').replace('${{ matrix.image }}', image)),
  );
}

export function missingFiles(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const job of Object.values(wf.jobs)) {
    for (const file of dockerfiles(job)) if (!existsSync(repoPath(file))) problems.push(`${file} does not exist`);
    for (const match of runs(job).matchAll(/(deploy\/[\w./-]+)/g)) {
      const path = match[1] ?? '';
      if (!existsSync(repoPath(path))) problems.push(`${path} does not exist`);
      else if (path.endsWith('.sh')) {
        try {
          accessSync(repoPath(path), constants.X_OK);
        } catch {
          problems.push(`${path} is not executable`);
        }
      }
      if (path.startsWith('deploy/k8s/overlays/') && !existsSync(repoPath(path, 'kustomization.yaml'))) {
        problems.push(`${path} has no kustomization.yaml`);
      }
    }
  }
  return problems;
}

/** The packages of every `apt-get install` in a script (continuation lines joined, options dropped). */
function aptPackages(script: string): string[] {
  return script
    .replaceAll('\\\n', ' ')
    .split('\n')
    .flatMap((line) => line.split(/apt-get install/).slice(1))
    .flatMap((rest) => rest.split(/\s+/).filter((word) => word !== '' && !word.startsWith('-')));
}

export function ciProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const t of ['push', 'pull_request', 'workflow_dispatch'])
    if (!triggers(wf).includes(t)) problems.push(`CI does not run on ${t}`);
  const lint = runs(wf.jobs.lint);
  for (const script of ['npm ci', 'npm run lint', 'npm run format:check', 'npm run typecheck']) {
    if (!lint.includes(script)) problems.push(`the lint job does not run ${script}`);
  }
  const test = wf.jobs.test;
  const services = test?.services ?? {};
  if (services.postgres?.image !== 'postgres:15') problems.push('the test job has no postgres:15 service');
  if (services.redis?.image !== 'redis:7') problems.push('the test job has no redis:7 service');
  for (const [name, service] of Object.entries(services)) {
    if (!service.options?.includes('--health-cmd')) problems.push(`service ${name} has no health check`);
  }
  for (const key of ['TEST_DATABASE_URL', 'TEST_REDIS_URL'])
    if (!test?.env?.[key]) problems.push(`the test job does not set ${key}`);
  const testRuns = runs(test);
  const installed = aptPackages(testRuns);
  for (const pkg of ['chromium', 'prometheus', 'prometheus-alertmanager', 'nginx', 'postgresql-client', 'shellcheck']) {
    if (!installed.includes(pkg)) problems.push(`the test job does not install ${pkg}`);
  }
  for (const script of ['npm ci', 'npm test'])
    if (!testRuns.includes(script)) problems.push(`the test job does not run ${script}`);

  const images = wf.jobs.images;
  const builds = uses(images, 'docker/build-push-action');
  if (builds.length === 0) problems.push('no job builds the images with docker/build-push-action');
  for (const b of builds) if (b.with?.push !== false) problems.push('CI pushes images (pull requests must not)');
  const scans = uses(images, 'aquasecurity/trivy-action');
  if (scans.length === 0) problems.push('the images are not scanned with trivy');
  for (const s of scans) {
    if (s.with?.severity !== 'CRITICAL' || String(s.with?.['exit-code']) !== '1')
      problems.push('trivy does not fail on CRITICAL');
  }
  const built = dockerfiles(images ?? {}).sort();
  if (built.join() !== IMAGES.map((i) => `deploy/docker/${i}.Dockerfile`).join()) {
    problems.push(`CI builds ${built.join(', ') || 'nothing'} instead of every image`);
  }
  return problems;
}

/** Every image CI builds and deploy.yml pushes (deploy/docker/<name>.Dockerfile), in sorted order. */
export const IMAGES = ['backup', 'server', 'web'] as const;

/** The promotion chain of deploy.yml, in order. */
export const DEPLOY_CHAIN = ['build', 'deploy-staging', 'smoke-staging', 'deploy-production'] as const;

export function deployProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  const on = wf.on as Record<string, { branches?: string[] } | null>;
  if (JSON.stringify(on.push?.branches) !== '["main"]') problems.push('deploy does not run on pushes to main');
  if (!('workflow_dispatch' in on)) problems.push('deploy cannot be started by hand (workflow_dispatch)');
  if ('pull_request' in on) problems.push('deploy runs on pull requests');
  DEPLOY_CHAIN.forEach((name, i) => {
    if (!wf.jobs[name]) return problems.push(`no job ${name}`);
    const before = DEPLOY_CHAIN[i - 1];
    if (before && !needsOf(wf.jobs[name]).includes(before)) problems.push(`${name} does not wait for ${before}`);
  });
  if (environmentOf(wf.jobs['deploy-production'] ?? {}) !== 'production')
    problems.push('deploy-production has no environment production');
  if (environmentOf(wf.jobs['deploy-staging'] ?? {}) !== 'staging')
    problems.push('deploy-staging has no environment staging');

  const build = wf.jobs.build;
  const tags = uses(build, 'docker/build-push-action').map((s) => `${String(s.with?.file)} -> ${String(s.with?.tags)}`);
  const names = runs(build);
  const scanned = uses(build, 'aquasecurity/trivy-action').map((s) => String(s.with?.['image-ref']));
  for (const image of IMAGES) {
    if (!scanned.includes(`\${{ steps.names.outputs.${image} }}`)) problems.push(`the ${image} image is not scanned`);
    if (!names.includes(`ghcr.io/$owner/marketlens-${image}:$GITHUB_SHA`))
      problems.push(`the ${image} image is not named ghcr.io/<owner>/marketlens-${image}:<sha>`);
    if (!tags.some((t) => t === `deploy/docker/${image}.Dockerfile -> \${{ steps.names.outputs.${image} }}`)) {
      problems.push(`deploy/docker/${image}.Dockerfile is not pushed under its ghcr.io name`);
    }
  }
  if (build?.permissions && typeof build.permissions === 'object' && build.permissions.packages !== 'write') {
    problems.push('the build job cannot push packages');
  }
  for (const [job, overlay] of [
    ['deploy-staging', 'staging'],
    ['deploy-production', 'prod'],
  ] as const) {
    const release = steps(wf.jobs[job]).find((s) =>
      s.run?.includes(`deploy/scripts/k8s-release.sh deploy deploy/k8s/overlays/${overlay} `),
    );
    if (!release) {
      problems.push(`${job} does not release deploy/k8s/overlays/${overlay}`);
      continue;
    }
    // k8s-release.sh takes the images in this order; each comes from what the build job pushed.
    if (!release.run?.trimEnd().endsWith('"$SERVER_IMAGE" "$WEB_IMAGE" "$BACKUP_IMAGE"')) {
      problems.push(`${job} does not pass the server, web and backup images, in that order`);
    }
    for (const image of IMAGES) {
      const variable = `${image.toUpperCase()}_IMAGE`;
      const expected = `\${{ needs.build.outputs.${image}-image }}`;
      if (release.env?.[variable] !== expected) problems.push(`${job} does not set ${variable} to ${expected}`);
      if (build?.outputs?.[`${image}-image`] !== `\${{ steps.names.outputs.${image} }}`) {
        problems.push(`the build job does not output ${image}-image`);
      }
    }
  }
  for (const [job, namespace] of [
    ['smoke-staging', 'marketlens-staging'],
    ['deploy-production', 'marketlens-prod'],
  ] as const) {
    const smoke = steps(wf.jobs[job]).find((s) => s.run?.trim() === 'deploy/scripts/smoke.sh');
    if (!smoke?.id) problems.push(`${job} does not run deploy/scripts/smoke.sh as an identified step`);
    const rollback = steps(wf.jobs[job]).find((s) => s.run?.includes(`k8s-release.sh rollback ${namespace}`));
    if (!rollback || rollback.if !== `failure() && steps.${smoke?.id ?? 'smoke'}.outcome == 'failure'`) {
      problems.push(`${job} does not roll ${namespace} back when its smoke test fails`);
    } else if (!/exit 1\s*$/.test(rollback.run ?? '')) problems.push(`${job}'s rollback does not fail the job`);
  }
  return problems;
}
