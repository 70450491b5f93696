import { describe, expect, it } from 'vitest';
import { build, DEPLOYABLE, KUSTOMIZATION_NAMES } from '../support/k8s-build';
import { named, ofKind, ref, type K8sObject } from '../support/k8s-objects';
import {
  disruptionProblems,
  engineProblems,
  hpaFor,
  migrateJobProblems,
  minPods,
  phaseProblems,
  schedulerProblems,
  serverDeployments,
} from '../support/k8s-workload-checks';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const spec = (o: K8sObject): Mutable => o.spec as Mutable;

describe('workload shape', () => {
  describe.each(KUSTOMIZATION_NAMES)('%s', (name) => {
    it('runs exactly one scheduler, replaced with Recreate and never autoscaled', () => {
      expect(schedulerProblems(build(name))).toEqual([]);
    });
    it('runs one engine Deployment at a fixed count, rolled replica by replica, under a disruption budget', () => {
      expect(engineProblems(build(name))).toEqual([]);
    });
    it('has disruption budgets a node drain can satisfy without emptying a role', () => {
      expect(disruptionProblems(build(name))).toEqual([]);
    });
    it('rolls the API with a surge and nothing unavailable', () => {
      for (const api of serverDeployments(build(name), 'api')) {
        expect(spec(api).strategy, api.metadata.name).toEqual({
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        });
      }
    });
  });

  it('notices a second scheduler, a rolling scheduler, and an autoscaled one', () => {
    const objects = build('prod');
    const scheduler = named(objects, 'Deployment', 'marketlens-scheduler');
    spec(scheduler).replicas = 2;
    spec(scheduler).strategy = { type: 'RollingUpdate' };
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'marketlens-scheduler' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'marketlens-scheduler' },
        maxReplicas: 3,
      },
    });
    const problems = schedulerProblems(objects).join('\n');
    expect(problems).toMatch(/replicas 2, must be 1/);
    expect(problems).toMatch(/strategy is not Recreate/);
    expect(problems).toMatch(/an HPA scales it/);
  });

  it('notices an autoscaled engine, one replaced with Recreate, and one without a budget', () => {
    const objects = build('prod').filter((o) => ref(o) !== 'PodDisruptionBudget/marketlens-engine');
    spec(named(objects, 'Deployment', 'marketlens-engine')).strategy = { type: 'Recreate' };
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'marketlens-engine' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'marketlens-engine' },
        maxReplicas: 4,
      },
    });
    const problems = engineProblems(objects).join('\n');
    expect(problems).toMatch(/an HPA scales it/);
    expect(problems).toMatch(/Recreate stops every replica at once/);
    expect(problems).toMatch(/no PodDisruptionBudget covers it/);
  });

  it('notices a budget that blocks drains', () => {
    const objects = build('prod');
    spec(named(objects, 'PodDisruptionBudget', 'marketlens-api')).minAvailable = 3;
    expect(disruptionProblems(objects).join()).toMatch(
      /marketlens-api: minAvailable 3 with 3 pod\(s\) blocks every node drain/,
    );
  });
});

describe('resources', () => {
  it.each(KUSTOMIZATION_NAMES)(
    'keeps the memory limits of base in %s (the memory alert is computed from them)',
    (name) => {
      const limits = (objects: K8sObject[]) =>
        Object.fromEntries(
          ['api', 'worker', 'scheduler', 'engine'].flatMap((role) =>
            serverDeployments(objects, role).map((o) => [
              role,
              spec(o).template.spec.containers[0].resources.limits.memory,
            ]),
          ),
        );
      expect(limits(build(name))).toEqual(limits(build('base')));
    },
  );

  it('reserves no more than it may use', () => {
    const toMi = (q: string) => (q.endsWith('Gi') ? Number.parseFloat(q) * 1024 : Number.parseFloat(q));
    for (const name of KUSTOMIZATION_NAMES) {
      for (const o of build(name).filter((x) => x.kind === 'Deployment')) {
        for (const c of spec(o).template.spec.containers as Mutable[]) {
          expect(toMi(c.resources.requests.memory), `${name} ${o.metadata.name}`).toBeLessThanOrEqual(
            toMi(c.resources.limits.memory),
          );
        }
      }
    }
  });
});

describe('production availability', () => {
  const prod = build('prod');
  const api = named(prod, 'Deployment', 'marketlens-api');

  it('never runs fewer than two API pods', () => {
    expect(minPods(prod, api)).toBeGreaterThanOrEqual(2);
    expect(hpaFor(prod, api)?.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('keeps at least one API pod through a drain, and lets the drain proceed', () => {
    const pdb = spec(named(prod, 'PodDisruptionBudget', 'marketlens-api'));
    expect(pdb.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.minAvailable).toBeLessThan(minPods(prod, api));
  });

  it('runs the web app, the worker and the engine on more than one pod', () => {
    expect(minPods(prod, named(prod, 'Deployment', 'marketlens-web'))).toBeGreaterThanOrEqual(2);
    expect(minPods(prod, named(prod, 'Deployment', 'marketlens-worker'))).toBeGreaterThanOrEqual(2);
    const engine = named(prod, 'Deployment', 'marketlens-engine');
    expect(minPods(prod, engine), 'the second engine is the failover').toBeGreaterThanOrEqual(2);
  });

  it('keeps an engine passing through a drain', () => {
    const engine = named(prod, 'Deployment', 'marketlens-engine');
    expect(spec(named(prod, 'PodDisruptionBudget', 'marketlens-engine')).maxUnavailable).toBeLessThan(
      minPods(prod, engine),
    );
  });
});

describe('migration Job', () => {
  const apiOf = {
    base: 'marketlens-api',
    dev: 'marketlens-api',
    staging: 'marketlens-api',
    prod: 'marketlens-api',
    'prod-blue': 'marketlens-api-blue',
    'prod-green': 'marketlens-api-green',
    'prod-canary': 'marketlens-api-canary',
  } as const;

  it.each(KUSTOMIZATION_NAMES)('runs migrate in %s with the API image, config, secrets and security', (name) => {
    expect(migrateJobProblems(build(name), apiOf[name])).toEqual([]);
  });

  it('notices a Job that drifted from the API', () => {
    const objects = build('prod');
    const job = named(objects, 'Job', 'marketlens-migrate');
    const container = spec(job).template.spec.containers[0];
    container.image = 'ghcr.io/marketlens/marketlens-server:old';
    container.envFrom = container.envFrom.slice(0, 1);
    container.args = ['serve'];
    spec(job).template.spec.securityContext = { runAsNonRoot: true };
    const problems = migrateJobProblems(objects).join('\n');
    for (const what of [
      /runs \["serve"\], not migrate/,
      /image differs/,
      /envFrom differs/,
      /pod securityContext differs/,
    ]) {
      expect(problems).toMatch(what);
    }
  });

  it.each(DEPLOYABLE)('is the only thing in the migrate phase of %s, with what it needs prepared first', (name) => {
    expect(phaseProblems(build(name))).toEqual([]);
  });

  it('notices a Deployment in the prepare phase and an unprepared ConfigMap', () => {
    const objects = build('dev');
    named(objects, 'Deployment', 'marketlens-api').metadata.labels!['marketlens.io/phase'] = 'prepare';
    const config = ofKind(objects, 'ConfigMap')[0] as K8sObject;
    delete config.metadata.labels!['marketlens.io/phase'];
    delete named(objects, 'StatefulSet', 'marketlens-postgres').metadata.labels!['marketlens.io/phase'];
    const problems = phaseProblems(objects).join('\n');
    expect(problems).toMatch(/Deployment\/marketlens-api is in phase prepare/);
    expect(problems).toMatch(/ConfigMap\/marketlens-config-\w+ is needed by the migration but not prepared/);
    expect(problems).toMatch(/StatefulSet\/marketlens-postgres must exist before the migration/);
  });
});
