import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { containersOf, isBackupImage, isServerImage, podSpecOf, ref, workloads, type K8sObject } from './k8s-objects';

function containerProblems(pod: IPodSpec, c: IContainer): string[] {
  const problems: string[] = [];
  const sc = c.securityContext ?? {};
  if (sc.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation is not false');
  if (sc.privileged) problems.push('is privileged');
  if (sc.readOnlyRootFilesystem !== true) problems.push('root filesystem is writable');
  if (!sc.capabilities?.drop?.includes('ALL')) problems.push('does not drop ALL capabilities');
  if (sc.capabilities?.add?.length) problems.push(`adds capabilities ${sc.capabilities.add.join(', ')}`);
  if (sc.runAsUser === 0) problems.push('runs as uid 0');
  const seccomp = sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
  if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push('has no RuntimeDefault seccomp profile');
  if (sc.runAsNonRoot !== true && pod.securityContext?.runAsNonRoot !== true) problems.push('may run as root');
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (c.resources?.[kind]?.[resource] === undefined) problems.push(`has no ${resource} ${kind.slice(0, -1)}`);
    }
  }
  // Our images write temp files (tsx cache, nginx's rendered config, sort's spill files in the backup), so /tmp
  // must be a writable volume.
  const ownImage = isServerImage(c.image) || isBackupImage(c.image) || c.name === 'web';
  const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
  const tmpVolume = pod.volumes?.find((v) => v.name === tmp?.name);
  if (ownImage && !tmpVolume?.emptyDir) problems.push('has no emptyDir mounted at /tmp');
  return problems;
}

/**
 * Every pod of the build meets the Pod Security Standard `restricted` and our own rules: non-root with a
 * numeric uid, no privilege escalation, ALL capabilities dropped, RuntimeDefault seccomp, read-only root
 * filesystem, requests and limits, no service-account token, no host namespaces or host paths. Server and
 * backup pods also disable service links (their variables share the MARKETLENS_ prefix their config reads).
 */
export function podSecurityProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const pod = podSpecOf(workload) as IPodSpec;
    const where = ref(workload);
    if (pod.automountServiceAccountToken !== false) problems.push(`${where}: mounts a service-account token`);
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push(`${where}: uses a host namespace`);
    if (pod.volumes?.some((v) => v.hostPath)) problems.push(`${where}: mounts a hostPath`);
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: pod is not runAsNonRoot`);
    if (!pod.securityContext?.runAsUser) problems.push(`${where}: no numeric non-zero runAsUser for the kubelet`);
    const readsMarketlensEnv = containersOf(workload).some((c) => isServerImage(c.image) || isBackupImage(c.image));
    if (readsMarketlensEnv && pod.enableServiceLinks !== false) {
      problems.push(`${where}: service links inject MARKETLENS_* variables; set enableServiceLinks: false`);
    }
    for (const c of containersOf(workload)) {
      problems.push(...containerProblems(pod, c).map((p) => `${where} container ${c.name}: ${p}`));
    }
  }
  return problems;
}
