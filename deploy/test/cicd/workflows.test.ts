import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../support/repo';
import { actionlintProblems, mutate, parseWorkflow, schemaProblems, WORKFLOW_FILES } from '../support/cicd-workflows';
import { ciProblems, commonProblems, deployProblems, missingFiles } from '../support/cicd-workflow-rules';

const ci = readRepoFile(WORKFLOW_FILES.ci);
const deploy = readRepoFile(WORKFLOW_FILES.deploy);

describe('GitHub workflows against the published schema and actionlint', () => {
  it.each(Object.entries(WORKFLOW_FILES))('%s validates against SchemaStore github-workflow.json', (_name, file) => {
    expect(schemaProblems(readRepoFile(file)), file).toEqual([]);
  });

  it.each(Object.entries(WORKFLOW_FILES))('%s passes actionlint', async (_name, file) => {
    expect(await actionlintProblems(readRepoFile(file), file), file).toEqual([]);
  });

  it('the schema rejects a job without runs-on and a misspelt trigger', () => {
    expect(
      schemaProblems(mutate(ci, '    runs-on: ubuntu-24.04\n    timeout-minutes: 15\n', '')).length,
    ).toBeGreaterThan(0);
    expect(schemaProblems(mutate(ci, '  pull_request:\n', '  pull_requests:\n')).length).toBeGreaterThan(0);
    expect(schemaProblems(mutate(deploy, 'timeout-minutes: 30', 'timeout-minutes: soon')).length).toBeGreaterThan(0);
  });

  it('actionlint rejects an unknown context, a bad needs and an unknown matrix key', async () => {
    const unknownContext = mutate(deploy, '${{ vars.SMOKE_URL }}', '${{ varz.SMOKE_URL }}');
    expect((await actionlintProblems(unknownContext, 'deploy.yml')).join('\n')).toMatch(/varz/);
    const badNeeds = mutate(deploy, 'needs: deploy-staging', 'needs: deploy-stagin');
    expect((await actionlintProblems(badNeeds, 'deploy.yml')).join('\n')).toMatch(/deploy-stagin/);
    const badMatrix = mutate(ci, 'file: deploy/docker/${{ matrix.image }}', 'file: deploy/docker/${{ matrix.imag }}');
    expect((await actionlintProblems(badMatrix, 'ci.yml')).join('\n')).toMatch(/property "imag" is not defined/);
  });
});

describe('ci.yml', () => {
  const wf = parseWorkflow(ci);

  it('runs lint, the suite on postgres:15 + redis:7 with the Debian tools, and builds and scans every image', () => {
    expect([...commonProblems(wf), ...ciProblems(wf), ...missingFiles(wf)]).toEqual([]);
  });

  it.each([
    ['push: true', (t: string) => mutate(t, 'push: false', 'push: true'), 'CI pushes images (pull requests must not)'],
    ['redis:6', (t: string) => mutate(t, 'image: redis:7', 'image: redis:6'), 'the test job has no redis:7 service'],
    ['no nginx', (t: string) => mutate(t, ' nginx ', ' '), 'the test job does not install nginx'],
    [
      'an unpinned action',
      (t: string) => mutate(t, 'actions/checkout@v6', 'actions/checkout@main'),
      'actions/checkout@main is not pinned to a version tag or commit',
    ],
    [
      'write-all',
      (t: string) => mutate(t, 'permissions:\n  contents: read', 'permissions: write-all'),
      'workflow permissions must be exactly { contents: read } (jobs widen them where needed)',
    ],
    [
      'a scan that only warns',
      (t: string) => mutate(t, "exit-code: '1'", "exit-code: '0'"),
      'trivy does not fail on CRITICAL',
    ],
    [
      'the backup image left out',
      (t: string) => mutate(t, 'image: [server, web, backup]', 'image: [server, web]'),
      'CI builds deploy/docker/server.Dockerfile, deploy/docker/web.Dockerfile instead of every image',
    ],
    [
      'a wrong Dockerfile',
      (t: string) => mutate(t, 'deploy/docker/${{ matrix.image }}.Dockerfile', 'docker/${{ matrix.image }}.Dockerfile'),
      'docker/server.Dockerfile does not exist',
    ],
  ])('reports a copy with %s', (_what, change, problem) => {
    const broken = parseWorkflow(change(ci));
    expect([...commonProblems(broken), ...ciProblems(broken), ...missingFiles(broken)]).toContain(problem);
  });
});

describe('deploy.yml', () => {
  const wf = parseWorkflow(deploy);

  it('goes build -> staging -> smoke -> production, with approval, smoke tests and rollbacks, naming existing files', () => {
    expect([...commonProblems(wf), ...deployProblems(wf), ...missingFiles(wf)]).toEqual([]);
  });

  it.each([
    [
      'production not waiting for the smoke test',
      (t: string) => mutate(t, 'needs: [build, smoke-staging]', 'needs: [build, deploy-staging]'),
      'deploy-production does not wait for smoke-staging',
    ],
    [
      'a need of a missing job',
      (t: string) => mutate(t, 'needs: deploy-staging', 'needs: deploy-stage'),
      'job smoke-staging needs deploy-stage, which is no job',
    ],
    [
      'no production environment',
      (t: string) => mutate(t, '      name: production\n', '      name: prod\n'),
      'deploy-production has no environment production',
    ],
    [
      'no rollback after a failed smoke test',
      (t: string) => mutate(t, 'rollback marketlens-prod', 'status marketlens-prod'),
      'deploy-production does not roll marketlens-prod back when its smoke test fails',
    ],
    [
      'a missing smoke script',
      (t: string) =>
        mutate(t, 'run: deploy/scripts/smoke.sh\n      - uses', 'run: deploy/scripts/smoke-test.sh\n      - uses'),
      'deploy/scripts/smoke-test.sh does not exist',
    ],
    [
      'a missing overlay',
      (t: string) => mutate(t, 'deploy/k8s/overlays/prod', 'deploy/k8s/overlays/production'),
      'deploy/k8s/overlays/production does not exist',
    ],
    [
      'another image name',
      (t: string) => mutate(t, 'ghcr.io/$owner/marketlens-web:$GITHUB_SHA', 'ghcr.io/$owner/web:latest'),
      'the web image is not named ghcr.io/<owner>/marketlens-web:<sha>',
    ],
    [
      'the backup image not pushed',
      (t: string) => mutate(t, 'file: deploy/docker/backup.Dockerfile', 'file: deploy/docker/server.Dockerfile'),
      'deploy/docker/backup.Dockerfile is not pushed under its ghcr.io name',
    ],
    [
      'the backup image not scanned',
      (t: string) =>
        mutate(t, 'image-ref: ${{ steps.names.outputs.backup }}', 'image-ref: ${{ steps.names.outputs.web }}'),
      'the backup image is not scanned',
    ],
    [
      'a release without the backup image',
      (t: string) => mutate(t, '"$SERVER_IMAGE" "$WEB_IMAGE" "$BACKUP_IMAGE"', '"$SERVER_IMAGE" "$WEB_IMAGE"'),
      'deploy-staging does not pass the server, web and backup images, in that order',
    ],
    [
      'the backup image taken from another output',
      (t: string) =>
        mutate(
          t,
          'BACKUP_IMAGE: ${{ needs.build.outputs.backup-image }}',
          'BACKUP_IMAGE: ${{ needs.build.outputs.web-image }}',
        ),
      'deploy-staging does not set BACKUP_IMAGE to ${{ needs.build.outputs.backup-image }}',
    ],
    [
      'deploys from pull requests',
      (t: string) => mutate(t, 'on:\n  push:', 'on:\n  pull_request:\n  push:'),
      'deploy runs on pull requests',
    ],
  ])('reports a copy with %s', (_what, change, problem) => {
    const broken = parseWorkflow(change(deploy));
    expect([...commonProblems(broken), ...deployProblems(broken), ...missingFiles(broken)]).toContain(problem);
  });
});
