import type { IContainer } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import { containersOf, isServerImage, ofKind, ref, serverWorkloads, type K8sObject } from './k8s-objects';
import { isSecretEnvVar, readRepoFile } from './repo';

export const SECRET_NAME = 'marketlens-secrets';
export const SECRET_TEMPLATE = 'deploy/k8s/base/secret.template.yaml';

/** The keys of the Secret template: the contract for the Secret staging/prod create outside the repository. */
export function secretTemplateKeys(): string[] {
  const template = parse(readRepoFile(SECRET_TEMPLATE)) as { stringData?: Record<string, string> };
  return Object.keys(template.stringData ?? {});
}

/** Keys of a ConfigMap or Secret (data, stringData and binaryData). */
export function keysOf(o: K8sObject): string[] {
  return ['data', 'stringData', 'binaryData'].flatMap((field) => Object.keys((o[field] as object | undefined) ?? {}));
}

export interface EnvSources {
  /** Secrets the build references but does not render (created outside the repository), with their keys. */
  externalSecrets: Record<string, string[]>;
}

interface ContainerEnv {
  names: Set<string>;
  problems: string[];
}

/** The variable names a container receives, resolving envFrom against the objects of the same build. */
function containerEnv(objects: K8sObject[], container: IContainer, sources: EnvSources, where: string): ContainerEnv {
  const names = new Set<string>();
  const problems: string[] = [];
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = ofKind(objects, 'ConfigMap').find((o) => o.metadata.name === from.configMapRef?.name);
      if (!cm) problems.push(`${where}: envFrom ConfigMap ${from.configMapRef.name} is not in the build`);
      for (const key of cm ? keysOf(cm) : []) names.add(prefix + key);
    }
    if (from.secretRef) {
      const secret = ofKind(objects, 'Secret').find((o) => o.metadata.name === from.secretRef?.name);
      const keys = secret ? keysOf(secret) : sources.externalSecrets[from.secretRef.name ?? ''];
      if (!keys) problems.push(`${where}: envFrom Secret ${from.secretRef.name} is neither built nor known`);
      for (const key of keys ?? []) names.add(prefix + key);
    }
  }
  for (const env of container.env ?? []) {
    names.add(env.name);
    if (isSecretEnvVar(env.name) && env.value !== undefined) {
      problems.push(`${where}: secret ${env.name} is set as a plain value; it belongs in the Secret`);
    }
  }
  return { names, problems };
}

/**
 * Every server container receives every variable the server reads (expected), and secrets come only from a
 * Secret: no ConfigMap in the build holds a secret variable.
 */
export function envProblems(objects: K8sObject[], expected: readonly string[], sources: EnvSources): string[] {
  const problems: string[] = [];
  for (const cm of ofKind(objects, 'ConfigMap')) {
    for (const key of keysOf(cm).filter(isSecretEnvVar)) {
      problems.push(`${ref(cm)}: holds the secret ${key}; secrets belong in ${SECRET_NAME}`);
    }
  }
  for (const workload of serverWorkloads(objects)) {
    for (const container of containersOf(workload).filter((c) => isServerImage(c.image))) {
      const where = `${ref(workload)} container ${container.name}`;
      const env = containerEnv(objects, container, sources, where);
      problems.push(...env.problems);
      const missing = expected.filter((name) => !env.names.has(name));
      if (missing.length > 0) problems.push(`${where}: not given ${missing.join(', ')}`);
    }
  }
  return problems;
}

/** The merged marketlens-config data of a build (the generator adds a hash suffix to the name). */
export function serverConfig(objects: K8sObject[]): Record<string, string> {
  const cm = ofKind(objects, 'ConfigMap').find((o) => /^marketlens-config(-[a-z0-9]+)?$/.test(o.metadata.name));
  if (!cm) throw new Error('no marketlens-config ConfigMap in the build');
  return (cm.data ?? {}) as Record<string, string>;
}
