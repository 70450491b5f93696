import type { IHorizontalPodAutoscalerSpec } from 'kubernetes-models/autoscaling/v2';
import type { IIngressSpec, INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudgetSpec } from 'kubernetes-models/policy/v1';
import type { IContainer, IProbe, IServiceSpec } from 'kubernetes-models/v1';
import {
  containersOf,
  isServerImage,
  mapSelector,
  ofKind,
  podLabelsOf,
  ref,
  resolvePort,
  selectorMatches,
  workloads,
  type K8sObject,
  type Labels,
} from './k8s-objects';

export const SERVER_PORT = 8080;
/** nginx in the web image answers this itself (deploy/docker/web.Dockerfile HEALTHCHECK). */
export const WEB_HEALTH_PATH = '/nginx-health';

const spec = <T>(o: K8sObject): T => (o.spec ?? {}) as T;

function probeProblem(container: IContainer, probe: IProbe | undefined, kind: string, path: string): string | null {
  if (!probe) return `has no ${kind}`;
  const http = probe.httpGet;
  if (!http) return `${kind} is not an HTTP probe`;
  if (http.path !== path) return `${kind} probes ${http.path}, expected ${path}`;
  const port = resolvePort(container, http.port);
  if (port !== SERVER_PORT)
    return `${kind} targets port ${String(http.port)} (${port ?? 'no such port'}), not ${SERVER_PORT}`;
  return null;
}

/**
 * Long-running server containers: startup and liveness on /healthz (alive; never the dependencies, or a
 * database outage would restart every pod), readiness on /readyz, all on the container's port 8080. The web
 * container probes nginx's own health path on 8080.
 */
export function probeProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects).filter((o) => o.kind === 'Deployment')) {
    for (const c of containersOf(workload)) {
      const where = `${ref(workload)} container ${c.name}`;
      const expected: [IProbe | undefined, string, string][] = isServerImage(c.image)
        ? [
            [c.startupProbe, 'startupProbe', '/healthz'],
            [c.livenessProbe, 'livenessProbe', '/healthz'],
            [c.readinessProbe, 'readinessProbe', '/readyz'],
          ]
        : c.name === 'web'
          ? [
              [c.livenessProbe, 'livenessProbe', WEB_HEALTH_PATH],
              [c.readinessProbe, 'readinessProbe', WEB_HEALTH_PATH],
            ]
          : [];
      for (const [probe, kind, path] of expected) {
        const problem = probeProblem(c, probe, kind, path);
        if (problem) problems.push(`${where}: ${problem}`);
      }
    }
  }
  return problems;
}

/** Workloads whose pods a selector picks. */
export const podsSelectedBy = (objects: K8sObject[], selector: Parameters<typeof selectorMatches>[0]): K8sObject[] =>
  workloads(objects).filter((w) => selectorMatches(selector, podLabelsOf(w)));

/** Every Service selects pods of the build, and each of its targetPorts exists on every pod it selects. */
export function serviceProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const service of ofKind(objects, 'Service')) {
    const s = spec<IServiceSpec>(service);
    const pods = podsSelectedBy(objects, mapSelector(s.selector as Labels | undefined));
    if (pods.length === 0) problems.push(`${ref(service)}: selector matches no pod of the build`);
    for (const port of s.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const pod of pods) {
        const open = containersOf(pod).some((c) =>
          (c.ports ?? []).some((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target)),
        );
        if (!open) problems.push(`${ref(service)}: targetPort ${String(target)} is not a port of ${ref(pod)}`);
      }
    }
  }
  return problems;
}

/** Ingress backends name Services of the build and ports those Services have; TLS covers every host. */
export function ingressProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const ingress of ofKind(objects, 'Ingress')) {
    const s = spec<IIngressSpec>(ingress);
    const tlsHosts = new Set((s.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const rule of s.rules ?? []) {
      if (!rule.host || !tlsHosts.has(rule.host)) problems.push(`${ref(ingress)}: host ${rule.host} has no TLS`);
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend.service;
        const service = ofKind(objects, 'Service').find((o) => o.metadata.name === backend?.name);
        if (!backend || !service) {
          problems.push(`${ref(ingress)}: ${path.path} -> Service ${backend?.name} is not in the build`);
          continue;
        }
        const ports = spec<IServiceSpec>(service).ports ?? [];
        const found = ports.some((p) =>
          backend.port?.name !== undefined ? p.name === backend.port.name : p.port === backend.port?.number,
        );
        if (!found)
          problems.push(`${ref(ingress)}: ${path.path} -> ${ref(service)} has no port ${JSON.stringify(backend.port)}`);
      }
    }
  }
  return problems;
}

/** HPAs scale Deployments of the build that leave `replicas` to them; PDBs select pods of the build. */
export function scalingProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
    const s = spec<IHorizontalPodAutoscalerSpec>(hpa);
    const target = objects.find(
      (o) =>
        o.kind === s.scaleTargetRef.kind &&
        o.metadata.name === s.scaleTargetRef.name &&
        o.apiVersion === s.scaleTargetRef.apiVersion,
    );
    if (!target)
      problems.push(
        `${ref(hpa)}: scaleTargetRef ${s.scaleTargetRef.kind}/${s.scaleTargetRef.name} is not in the build`,
      );
    else if ((target.spec as { replicas?: number }).replicas !== undefined) {
      problems.push(`${ref(hpa)}: ${ref(target)} sets replicas, which every apply would reset under the HPA`);
    }
    if ((s.minReplicas ?? 1) > s.maxReplicas) problems.push(`${ref(hpa)}: minReplicas above maxReplicas`);
  }
  for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
    if (podsSelectedBy(objects, spec<IPodDisruptionBudgetSpec>(pdb).selector).length === 0) {
      problems.push(`${ref(pdb)}: selector matches no pod of the build`);
    }
  }
  return problems;
}

/** Pods that live outside this build but that policies may name (a Prometheus next to MarketLens). */
const EXTERNAL_PODS: Labels[] = [{ 'app.kubernetes.io/name': 'prometheus' }];

/** Every NetworkPolicy protects pods of the build, and every same-namespace peer it admits exists. */
export function networkPolicySelectorProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const policy of ofKind(objects, 'NetworkPolicy')) {
    const s = spec<INetworkPolicySpec>(policy);
    const empty = !s.podSelector.matchLabels && !s.podSelector.matchExpressions;
    if (!empty && podsSelectedBy(objects, s.podSelector).length === 0) {
      problems.push(`${ref(policy)}: podSelector matches no pod of the build`);
    }
    for (const peer of (s.ingress ?? []).flatMap((rule) => rule.from ?? [])) {
      if (!peer.podSelector || peer.namespaceSelector) continue;
      const external = EXTERNAL_PODS.some((labels) => selectorMatches(peer.podSelector, labels));
      if (!external && podsSelectedBy(objects, peer.podSelector).length === 0) {
        problems.push(`${ref(policy)}: peer ${JSON.stringify(peer.podSelector)} matches no pod of the build`);
      }
    }
  }
  return problems;
}
