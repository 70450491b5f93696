import ts from 'typescript';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import type { K8sObject } from './k8s-objects';
import { repoPath } from './repo';

/**
 * The kinds MarketLens ships, each with the kubernetes-models class generated from the official Kubernetes
 * OpenAPI schema (validate() = JSON-schema check: types, required fields, enums) and the module whose
 * TypeScript interface the strict field check uses. A kind missing here is an error, not a pass.
 */
const KINDS = {
  'v1/Namespace': { model: Namespace, module: 'v1/Namespace', type: 'INamespace' },
  'v1/ServiceAccount': { model: ServiceAccount, module: 'v1/ServiceAccount', type: 'IServiceAccount' },
  'v1/ConfigMap': { model: ConfigMap, module: 'v1/ConfigMap', type: 'IConfigMap' },
  'v1/Secret': { model: Secret, module: 'v1/Secret', type: 'ISecret' },
  'v1/Service': { model: Service, module: 'v1/Service', type: 'IService' },
  'v1/PersistentVolumeClaim': {
    model: PersistentVolumeClaim,
    module: 'v1/PersistentVolumeClaim',
    type: 'IPersistentVolumeClaim',
  },
  'apps/v1/Deployment': { model: Deployment, module: 'apps/v1/Deployment', type: 'IDeployment' },
  'apps/v1/StatefulSet': { model: StatefulSet, module: 'apps/v1/StatefulSet', type: 'IStatefulSet' },
  'batch/v1/Job': { model: Job, module: 'batch/v1/Job', type: 'IJob' },
  'batch/v1/CronJob': { model: CronJob, module: 'batch/v1/CronJob', type: 'ICronJob' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    module: 'autoscaling/v2/HorizontalPodAutoscaler',
    type: 'IHorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    module: 'policy/v1/PodDisruptionBudget',
    type: 'IPodDisruptionBudget',
  },
  'networking.k8s.io/v1/Ingress': { model: Ingress, module: 'networking.k8s.io/v1/Ingress', type: 'IIngress' },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: NetworkPolicy,
    module: 'networking.k8s.io/v1/NetworkPolicy',
    type: 'INetworkPolicy',
  },
} as const;
type KindKey = keyof typeof KINDS;

const kindKey = (o: { apiVersion?: unknown; kind?: unknown }): string => `${String(o.apiVersion)}/${String(o.kind)}`;
const isKnownKind = (key: string): key is KindKey => Object.hasOwn(KINDS, key);

/** Schema problems of one object: unknown kind, wrong types, missing required fields ([] when valid). */
export function schemaProblems(o: K8sObject): string[] {
  const key = kindKey(o);
  if (!isKnownKind(key)) return [`${key} ${o.metadata?.name}: unknown kind (no schema to check it against)`];
  const Model = KINDS[key].model as unknown as new (data: unknown) => { validate(): void };
  try {
    new Model(withUnwrappedSecretData(o)).validate();
    return [];
  } catch (err) {
    return [`${key} ${o.metadata?.name}: ${(err as Error).message}`];
  }
}

/**
 * kustomize wraps long base64 values of Secret `data` over several lines. The API server decodes them with
 * Go's base64, which skips line breaks; the schema's "byte" format does not, so they are joined first.
 */
function withUnwrappedSecretData(o: K8sObject): K8sObject {
  if (o.kind !== 'Secret' || !o.data || typeof o.data !== 'object') return o;
  const data = Object.fromEntries(
    Object.entries(o.data as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.replace(/[\r\n]/g, '') : v,
    ]),
  );
  return { ...o, data };
}

const STRICT_FILE = repoPath('deploy/test/__k8s-strict-fields__.ts');

/**
 * Field names the schema does not know (a misspelt `readinesProbe` passes JSON-schema validation, because
 * Kubernetes schemas allow extra fields, but the API server rejects it under kubectl's default strict field
 * validation). Checked by the TypeScript compiler: each object becomes a typed object literal, and excess
 * property checks report any unknown field at any depth. One problem per object at most.
 */
export function unknownFieldProblems(objects: K8sObject[]): string[] {
  const known = objects.filter((o) => isKnownKind(kindKey(o)));
  const lines = known.map((o, i) => {
    const { module, type } = KINDS[kindKey(o) as KindKey];
    return `export const o${i}: import('kubernetes-models/${module}').${type} = ${JSON.stringify(o)};`;
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (file, language, ...rest) =>
    file === STRICT_FILE
      ? ts.createSourceFile(file, source, language)
      : getSourceFile.call(host, file, language, ...rest);
  host.fileExists = (file) => file === STRICT_FILE || fileExists.call(host, file);
  const program = ts.createProgram([STRICT_FILE], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const o = known[line];
    const where = o ? `${kindKey(o)} ${o.metadata.name}` : 'generated check file';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
