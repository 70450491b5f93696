import { describe, expect, it } from 'vitest';
import { build, DEPLOYABLE, KUSTOMIZATION_NAMES } from '../support/k8s-build';
import { named, podTemplateOf, type K8sObject } from '../support/k8s-objects';
import { podSecurityProblems } from '../support/k8s-security-checks';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pod = (o: K8sObject): Mutable => podTemplateOf(o)?.spec as Mutable;

describe('pod security', () => {
  it.each(KUSTOMIZATION_NAMES)('hardens every pod of %s', (name) => {
    expect(podSecurityProblems(build(name))).toEqual([]);
  });

  it('notices each weakened setting', () => {
    const objects = build('prod');
    const api = pod(named(objects, 'Deployment', 'marketlens-api'));
    api.automountServiceAccountToken = true;
    api.enableServiceLinks = true;
    api.containers[0].securityContext.readOnlyRootFilesystem = false;
    api.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] };
    delete api.containers[0].resources.limits;
    const worker = pod(named(objects, 'Deployment', 'marketlens-worker'));
    worker.securityContext.runAsNonRoot = false;
    delete worker.securityContext.seccompProfile;
    worker.volumes = [];
    const backup = pod(named(objects, 'CronJob', 'marketlens-backup'));
    backup.enableServiceLinks = true;
    backup.containers[0].securityContext.allowPrivilegeEscalation = true;
    backup.volumes = backup.volumes.filter((v: Mutable) => v.name !== 'tmp');
    const problems = podSecurityProblems(objects).join('\n');
    for (const expected of [
      /marketlens-api: mounts a service-account token/,
      /marketlens-api: service links inject MARKETLENS_\* variables/,
      /marketlens-api container server: root filesystem is writable/,
      /marketlens-api container server: does not drop ALL capabilities/,
      /marketlens-api container server: has no cpu limit/,
      /marketlens-worker: pod is not runAsNonRoot/,
      /marketlens-worker container server: has no RuntimeDefault seccomp profile/,
      /marketlens-worker container server: has no emptyDir mounted at \/tmp/,
      /CronJob\/marketlens-backup: service links inject/,
      /CronJob\/marketlens-backup container backup: allowPrivilegeEscalation is not false/,
      /CronJob\/marketlens-backup container backup: has no emptyDir mounted at \/tmp/,
    ]) {
      expect(problems).toMatch(expected);
    }
  });

  it.each(DEPLOYABLE)('enforces the restricted Pod Security Standard on the namespace of %s', (name) => {
    const namespace = build(name).find((o) => o.kind === 'Namespace');
    expect(namespace?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('runs the server, the web app and the backup as the uids their images were built for', () => {
    const objects = build('prod');
    for (const name of ['marketlens-api', 'marketlens-worker', 'marketlens-scheduler', 'marketlens-engine']) {
      expect(pod(named(objects, 'Deployment', name)).securityContext.runAsUser, name).toBe(1000);
    }
    expect(pod(named(objects, 'Deployment', 'marketlens-web')).securityContext.runAsUser).toBe(101);
    // deploy/docker/backup.Dockerfile: USER 999:999 (postgres in the base image), owner of /backups.
    const backup = pod(named(objects, 'CronJob', 'marketlens-backup')).securityContext;
    expect([backup.runAsUser, backup.runAsGroup, backup.fsGroup]).toEqual([999, 999, 999]);
  });
});
