import type { IDeploymentSpec } from 'kubernetes-models/apps/v1';
import type { IContainer, IPodSpec, IPodTemplateSpec } from 'kubernetes-models/v1';

export type ILabelSelector = IDeploymentSpec['selector'];

/** What every built object has; the rest is checked against its schema (k8s-schema.ts) before use. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export type Labels = Record<string, string>;

export const ofKind = (objects: K8sObject[], kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);

export function named(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the build`);
  return found;
}

export const ref = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

/** The pod template of a workload (Deployment, StatefulSet, Job, CronJob), or undefined for other kinds. */
export function podTemplateOf(o: K8sObject): IPodTemplateSpec | undefined {
  if (o.kind === 'CronJob') {
    return (o.spec as { jobTemplate?: { spec?: { template?: IPodTemplateSpec } } } | undefined)?.jobTemplate?.spec
      ?.template;
  }
  if (!['Deployment', 'StatefulSet', 'Job'].includes(o.kind)) return undefined;
  return (o.spec as { template?: IPodTemplateSpec } | undefined)?.template;
}

export const podSpecOf = (o: K8sObject): IPodSpec | undefined => podTemplateOf(o)?.spec;

export const containersOf = (o: K8sObject): IContainer[] => {
  const spec = podSpecOf(o);
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
};

export const workloads = (objects: K8sObject[]): K8sObject[] => objects.filter((o) => podTemplateOf(o) !== undefined);

export const podLabelsOf = (o: K8sObject): Labels => (podTemplateOf(o)?.metadata?.labels ?? {}) as Labels;

/** Workloads running the MarketLens server image (api, worker, scheduler, migrate and their variants). */
export const serverWorkloads = (objects: K8sObject[]): K8sObject[] =>
  workloads(objects).filter((o) => containersOf(o).some((c) => isServerImage(c.image)));

export const isServerImage = (image: string | undefined): boolean =>
  image !== undefined && /(^|\/)(marketlens\/server|marketlens-server)(-canary)?(:|@|$)/.test(image);

/** The backup image (deploy/docker/backup.Dockerfile): marketlens/backup locally, marketlens-backup when pushed. */
export const isBackupImage = (image: string | undefined): boolean =>
  image !== undefined && /(^|\/)(marketlens\/backup|marketlens-backup)(:|@|$)/.test(image);

/** Kubernetes label-selector semantics: every matchLabels pair and every matchExpressions clause must hold. */
export function selectorMatches(selector: ILabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expr.key);
    const value = labels[expr.key];
    const values = expr.values ?? [];
    const ok =
      expr.operator === 'In'
        ? has && values.includes(value ?? '')
        : expr.operator === 'NotIn'
          ? !has || !values.includes(value ?? '')
          : expr.operator === 'Exists'
            ? has
            : expr.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** A Service's plain map selector as a LabelSelector. */
export const mapSelector = (labels: Labels | undefined): ILabelSelector | undefined =>
  labels ? { matchLabels: labels } : undefined;

/** A container port given by number or by name, as a number (undefined when the name does not exist). */
export function resolvePort(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** kubectl's label-selector flag (-l): comma-separated key=value / key!=value, all of which must hold. */
export function cliSelectorMatches(selector: string, labels: Labels): boolean {
  return selector.split(',').every((term) => {
    const negated = term.includes('!=');
    const [key = '', value = ''] = term.split(negated ? '!=' : /==?/);
    return negated ? labels[key] !== value : labels[key] === value;
  });
}
