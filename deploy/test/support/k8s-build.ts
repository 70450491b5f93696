import { execFileSync, spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from './k8s-objects';
import { repoPath } from './repo';

/** Every kustomization the project ships; each must build and pass every check. */
export const KUSTOMIZATIONS = {
  base: 'deploy/k8s/base',
  dev: 'deploy/k8s/overlays/dev',
  staging: 'deploy/k8s/overlays/staging',
  prod: 'deploy/k8s/overlays/prod',
  'prod-blue': 'deploy/k8s/examples/blue-green/prod-blue',
  'prod-green': 'deploy/k8s/examples/blue-green/prod-green',
  'prod-canary': 'deploy/k8s/examples/canary/prod',
} as const;
export type KustomizationName = keyof typeof KUSTOMIZATIONS;
export const KUSTOMIZATION_NAMES = Object.keys(KUSTOMIZATIONS) as KustomizationName[];

/** The deployable ones (base has no namespace and is only ever built through an overlay). */
export const DEPLOYABLE = KUSTOMIZATION_NAMES.filter((n) => n !== 'base');

export const NAMESPACES: Record<Exclude<KustomizationName, 'base'>, string> = {
  dev: 'marketlens-dev',
  staging: 'marketlens-staging',
  prod: 'marketlens-prod',
  'prod-blue': 'marketlens-prod',
  'prod-green': 'marketlens-prod',
  'prod-canary': 'marketlens-prod',
};

const MISSING_KUBECTL =
  'kubectl is not installed (or not on PATH): the Kubernetes manifests cannot be built. Install kubectl >= 1.27 ' +
  '(it embeds kustomize v5; e.g. the `kubectl` package from the Kubernetes apt repository) or point KUBECTL at it.';

/** The kubectl binary to use (KUBECTL overrides), or a clear error naming what to install. */
export function kubectlPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidate = env.KUBECTL ?? 'kubectl';
  const probe = spawnSync(candidate, ['version', '--client'], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) throw new Error(MISSING_KUBECTL);
  return candidate;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`kustomize printed invalid YAML: ${doc.errors[0]?.message}`);
      return doc.toJS() as unknown;
    })
    .filter((value): value is K8sObject => value !== null && typeof value === 'object');
}

let kubectl: string | undefined;

/** `kubectl kustomize <dir>` as text (stderr is part of the error when the build fails). */
export function kustomizeText(relativeDir: string): string {
  kubectl ??= kubectlPath();
  return execFileSync(kubectl, ['kustomize', repoPath(relativeDir)], {
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const cache = new Map<KustomizationName, K8sObject[]>();

/**
 * The built objects of one shipped kustomization, built once per test worker (its files share this module:
 * vitest.config.ts). Callers get a deep copy.
 */
export function build(name: KustomizationName): K8sObject[] {
  let objects = cache.get(name);
  if (!objects) {
    objects = parseManifests(kustomizeText(KUSTOMIZATIONS[name]));
    cache.set(name, objects);
  }
  return structuredClone(objects);
}
