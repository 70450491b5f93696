import { isDeepStrictEqual } from 'node:util';
import type { IDeploymentSpec } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscalerSpec } from 'kubernetes-models/autoscaling/v2';
import type { IJobSpec } from 'kubernetes-models/batch/v1';
import type { IPodDisruptionBudgetSpec } from 'kubernetes-models/policy/v1';
import { containersOf, ofKind, podLabelsOf, podSpecOf, ref, serverWorkloads, type K8sObject } from './k8s-objects';
import { podsSelectedBy } from './k8s-reference-checks';

export const PHASE_LABEL = 'marketlens.io/phase';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';

const componentOf = (o: K8sObject): string | undefined => podLabelsOf(o)[COMPONENT_LABEL];

export function hpaFor(objects: K8sObject[], workload: K8sObject): IHorizontalPodAutoscalerSpec | undefined {
  return ofKind(objects, 'HorizontalPodAutoscaler')
    .map((h) => h.spec as IHorizontalPodAutoscalerSpec)
    .find((s) => s.scaleTargetRef.kind === workload.kind && s.scaleTargetRef.name === workload.metadata.name);
}

const surge = (s: IDeploymentSpec, pods: number): number => {
  if (s.strategy?.type === 'Recreate') return 0;
  const value = s.strategy?.rollingUpdate?.maxSurge ?? '25%';
  return typeof value === 'number' ? value : Math.ceil((pods * Number.parseInt(value, 10)) / 100);
};

/** The fewest pods a workload runs outside a rollout: the HPA's minimum, else its replicas. */
export function minPods(objects: K8sObject[], workload: K8sObject): number {
  return hpaFor(objects, workload)?.minReplicas ?? (workload.spec as { replicas?: number }).replicas ?? 1;
}

/** The most pods a workload can run at once: the HPA's maximum (or replicas) plus the rollout surge. */
export function maxPods(objects: K8sObject[], workload: K8sObject): number {
  if (workload.kind === 'Job') return (workload.spec as IJobSpec).parallelism ?? 1;
  const s = workload.spec as IDeploymentSpec;
  const pods = hpaFor(objects, workload)?.maxReplicas ?? s.replicas ?? 1;
  return pods + (workload.kind === 'Deployment' ? surge(s, pods) : 0);
}

const POOL_MAX_VAR = 'MARKETLENS_DATABASE__POOL_MAX';

/** A workload's pool size: its container's own MARKETLENS_DATABASE__POOL_MAX (env beats envFrom), else poolMax. */
export function poolSizeOf(workload: K8sObject, poolMax: number): number {
  const own = containersOf(workload)
    .flatMap((c) => c.env ?? [])
    .find((e) => e.name === POOL_MAX_VAR)?.value;
  return own === undefined ? poolMax : Number(own);
}

/** Database connections the server pods may open at once: their pods times the pool size each. */
export const databaseConnections = (objects: K8sObject[], poolMax: number): number =>
  serverWorkloads(objects).reduce((sum, w) => sum + maxPods(objects, w) * poolSizeOf(w, poolMax), 0);

/** A PodDisruptionBudget that a drain can satisfy and that never lets the selected pods reach zero. */
export function disruptionProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
    const s = pdb.spec as IPodDisruptionBudgetSpec;
    const pods = podsSelectedBy(objects, s.selector).reduce((n, w) => n + minPods(objects, w), 0);
    if (typeof s.minAvailable === 'number' && s.minAvailable >= pods) {
      problems.push(`${ref(pdb)}: minAvailable ${s.minAvailable} with ${pods} pod(s) blocks every node drain`);
    }
    if (typeof s.maxUnavailable === 'number' && s.maxUnavailable >= pods && pods > 1) {
      problems.push(`${ref(pdb)}: maxUnavailable ${s.maxUnavailable} lets a drain take all ${pods} pods`);
    }
  }
  return problems;
}

/** The scheduler: one pod, replaced with Recreate, never autoscaled or multiplied. */
export function schedulerProblems(objects: K8sObject[]): string[] {
  const schedulers = serverWorkloads(objects).filter((w) => componentOf(w) === 'scheduler');
  if (schedulers.length !== 1) return [`expected exactly one scheduler workload, found ${schedulers.length}`];
  const [scheduler] = schedulers as [K8sObject];
  const s = scheduler.spec as IDeploymentSpec;
  const problems: string[] = [];
  if (scheduler.kind !== 'Deployment') problems.push(`${ref(scheduler)} is not a Deployment`);
  if (s.replicas !== 1) problems.push(`${ref(scheduler)}: replicas ${s.replicas}, must be 1`);
  if (s.strategy?.type !== 'Recreate') problems.push(`${ref(scheduler)}: strategy is not Recreate`);
  if (hpaFor(objects, scheduler)) problems.push(`${ref(scheduler)}: an HPA scales it`);
  return problems;
}

/**
 * The engine: one Deployment at a fixed count (every replica computes every deployment, so an HPA would add
 * load, not throughput), never replaced with Recreate (which stops every replica at once), under a disruption
 * budget.
 */
export function engineProblems(objects: K8sObject[]): string[] {
  const engines = serverWorkloads(objects).filter((w) => componentOf(w) === 'engine');
  if (engines.length !== 1) return [`expected exactly one engine workload, found ${engines.length}`];
  const [engine] = engines as [K8sObject];
  const s = engine.spec as IDeploymentSpec;
  const problems: string[] = [];
  if (engine.kind !== 'Deployment') problems.push(`${ref(engine)} is not a Deployment`);
  if (hpaFor(objects, engine)) problems.push(`${ref(engine)}: an HPA scales it`);
  if (s.strategy?.type === 'Recreate') problems.push(`${ref(engine)}: Recreate stops every replica at once`);
  const budgets = ofKind(objects, 'PodDisruptionBudget').filter((p) =>
    podsSelectedBy(objects, (p.spec as IPodDisruptionBudgetSpec).selector).includes(engine),
  );
  if (budgets.length === 0) problems.push(`${ref(engine)}: no PodDisruptionBudget covers it`);
  return problems;
}

/** The migration Job: `migrate` with the API's image, config, secrets, identity and security settings. */
export function migrateJobProblems(objects: K8sObject[], apiName = 'marketlens-api'): string[] {
  const job = objects.find((o) => o.kind === 'Job' && o.metadata.name === 'marketlens-migrate');
  const api = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === apiName);
  if (!job || !api)
    return [`the build lacks ${job ? '' : 'Job/marketlens-migrate '}${api ? '' : `Deployment/${apiName}`}`];
  const [jobPod, apiPod] = [podSpecOf(job), podSpecOf(api)];
  const [jobC, apiC] = [containersOf(job)[0], containersOf(api).find((c) => c.name === 'server')];
  const problems: string[] = [];
  if (!isDeepStrictEqual(jobC?.args, ['migrate'])) problems.push(`Job runs ${JSON.stringify(jobC?.args)}, not migrate`);
  const same: [string, unknown, unknown][] = [
    ['image', jobC?.image, apiC?.image],
    ['envFrom', jobC?.envFrom, apiC?.envFrom],
    ['env', jobC?.env, apiC?.env],
    ['container securityContext', jobC?.securityContext, apiC?.securityContext],
    ['volumeMounts', jobC?.volumeMounts, apiC?.volumeMounts],
    ['pod securityContext', jobPod?.securityContext, apiPod?.securityContext],
    ['volumes', jobPod?.volumes, apiPod?.volumes],
    ['serviceAccountName', jobPod?.serviceAccountName, apiPod?.serviceAccountName],
  ];
  for (const [what, a, b] of same) {
    if (!isDeepStrictEqual(a, b))
      problems.push(`Job ${what} differs from ${apiName}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  return problems;
}

/**
 * The apply phases (deploy/k8s/apply.sh): `prepare` holds only what the migration needs and starts no
 * MarketLens pod, `migrate` is exactly the migration Job, and everything the Job references is prepared.
 */
export function phaseProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const phase = (o: K8sObject) => o.metadata.labels?.[PHASE_LABEL];
  const migrate = objects.filter((o) => phase(o) === 'migrate');
  if (migrate.length !== 1 || migrate[0]?.kind !== 'Job' || migrate[0].metadata.name !== 'marketlens-migrate') {
    problems.push(`phase migrate must be exactly Job/marketlens-migrate, is ${migrate.map(ref).join(', ') || 'empty'}`);
  }
  for (const o of objects.filter((x) => phase(x) === 'prepare' && x.kind === 'Deployment')) {
    problems.push(`${ref(o)} is in phase prepare: it would start before the migration`);
  }
  // The migration runs in the namespace against the database: both exist before it.
  const dataServices = ['database', 'cache'];
  for (const o of objects.filter((x) => x.kind === 'Namespace' || dataServices.includes(componentOf(x) ?? ''))) {
    if (phase(o) !== 'prepare') problems.push(`${ref(o)} must exist before the migration but is not prepared`);
  }
  const job = migrate[0];
  if (!job) return problems;
  const pod = podSpecOf(job);
  const needs = [
    ...containersOf(job).flatMap((c) => (c.envFrom ?? []).map((e) => e.configMapRef?.name ?? e.secretRef?.name)),
    pod?.serviceAccountName,
  ].filter((n): n is string => n !== undefined);
  for (const name of needs) {
    const object = objects.find((o) => o.metadata.name === name && o.kind !== 'Deployment' && o.kind !== 'Job');
    if (object && phase(object) !== 'prepare')
      problems.push(`${ref(object)} is needed by the migration but not prepared`);
  }
  return problems;
}

export const serverDeployments = (objects: K8sObject[], component: string): K8sObject[] =>
  serverWorkloads(objects).filter((w) => w.kind === 'Deployment' && componentOf(w) === component);
