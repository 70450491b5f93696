import { describe, expect, it } from 'vitest';
import { build, DEPLOYABLE, NAMESPACES } from '../support/k8s-build';
import { canReach, type Source } from '../support/k8s-network';
import { named, ofKind, type K8sObject, type Labels } from '../support/k8s-objects';

// What the NetworkPolicies allow, evaluated with Kubernetes' rules over the built objects: the policies
// are only as good as the traffic they let through and the traffic they stop.
const app = (component: string): Labels => ({
  'app.kubernetes.io/name': 'marketlens',
  'app.kubernetes.io/component': component,
});
const POSTGRES: Labels = { 'app.kubernetes.io/name': 'postgres', 'app.kubernetes.io/component': 'database' };
const REDIS: Labels = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/component': 'cache' };
const MINIO: Labels = { 'app.kubernetes.io/name': 'minio', 'app.kubernetes.io/component': 'object-storage' };

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ns = 'marketlens-dev';
const inNamespace = (labels: Labels): Source => ({ namespace: ns, podLabels: labels });
const ingressController: Source = {
  namespace: 'ingress-nginx',
  podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
};
const monitoring: Source = { namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } };
const strangerHere = inNamespace({ app: 'debug-shell' });
const strangerElsewhere: Source = { namespace: 'default', podLabels: app('api') };

describe('network policies (dev, which runs every kind of pod)', () => {
  const objects = build('dev');

  it('lets the ingress controller reach the API and the web app, and nothing else', () => {
    expect(canReach(objects, ingressController, app('api'), 8080)).toBe(true);
    expect(canReach(objects, ingressController, app('web'), 8080)).toBe(true);
    for (const target of [app('worker'), app('scheduler'), app('engine'), POSTGRES, REDIS, MINIO]) {
      expect(canReach(objects, ingressController, target, 8080), JSON.stringify(target)).toBe(false);
    }
  });

  it("lets the web pods' nginx proxy reach the API, but not the other roles or the data services", () => {
    expect(canReach(objects, inNamespace(app('web')), app('api'), 8080)).toBe(true);
    expect(canReach(objects, inNamespace(app('web')), app('engine'), 8080)).toBe(false);
    expect(canReach(objects, inNamespace(app('web')), POSTGRES, 5432)).toBe(false);
    expect(canReach(objects, inNamespace(app('web')), REDIS, 6379)).toBe(false);
  });

  it('lets Prometheus scrape every server role from the monitoring namespace or beside the app', () => {
    for (const role of ['api', 'worker', 'scheduler', 'engine']) {
      expect(canReach(objects, monitoring, app(role), 8080), role).toBe(true);
      expect(canReach(objects, inNamespace({ 'app.kubernetes.io/name': 'prometheus' }), app(role), 8080), role).toBe(
        true,
      );
    }
    expect(canReach(objects, monitoring, POSTGRES, 5432)).toBe(false);
  });

  it('opens PostgreSQL and Redis to the server pods (and the migration)', () => {
    for (const role of ['api', 'worker', 'scheduler', 'engine', 'migrate']) {
      expect(canReach(objects, inNamespace(app(role)), POSTGRES, 5432), role).toBe(true);
      expect(canReach(objects, inNamespace(app(role)), REDIS, 6379), role).toBe(true);
    }
    expect(canReach(objects, inNamespace(app('api')), MINIO, 9000)).toBe(true);
    expect(canReach(objects, inNamespace(app('worker')), MINIO, 9000)).toBe(true);
    expect(canReach(objects, inNamespace(app('engine')), MINIO, 9000), 'the engine keeps no artifacts').toBe(false);
    expect(canReach(objects, inNamespace(app('api')), POSTGRES, 6379), 'only the database port').toBe(false);
  });

  it('lets the backup pods reach PostgreSQL and the object store (its S3 upload), and nothing else', () => {
    const backup = inNamespace(app('backup'));
    expect(canReach(objects, backup, POSTGRES, 5432)).toBe(true);
    expect(canReach(objects, backup, MINIO, 9000)).toBe(true);
    expect(canReach(objects, backup, REDIS, 6379)).toBe(false);
    expect(canReach(objects, backup, app('api'), 8080)).toBe(false);
    expect(canReach(objects, { namespace: 'default', podLabels: app('backup') }, POSTGRES, 5432)).toBe(false);
    // The check bites: without "backup" in the database rule the backup pods are refused.
    const narrow: K8sObject[] = structuredClone(objects);
    const rule = (named(narrow, 'NetworkPolicy', 'marketlens-postgres-from-app').spec as Mutable).ingress[0];
    const components = rule.from[0].podSelector.matchExpressions[1];
    components.values = components.values.filter((v: string) => v !== 'backup');
    expect(canReach(narrow, backup, POSTGRES, 5432)).toBe(false);
  });

  it('keeps out any other pod, in this namespace or another', () => {
    for (const [target, port] of [
      [app('api'), 8080],
      [app('worker'), 8080],
      [app('engine'), 8080],
      [POSTGRES, 5432],
      [REDIS, 6379],
    ] as const) {
      expect(canReach(objects, strangerHere, target, port)).toBe(false);
      expect(canReach(objects, strangerElsewhere, target, port), 'labels alone from another namespace').toBe(false);
    }
  });

  it('would let everything in without the default-deny policy (the check itself bites)', () => {
    const unlisted = { app: 'debug-shell' };
    expect(canReach(objects, strangerHere, unlisted, 8080), 'no policy opens it').toBe(false);
    const open = objects.filter((o) => o.metadata.name !== 'marketlens-default-deny-ingress');
    expect(canReach(open, strangerHere, unlisted, 8080)).toBe(true);
    const loose: K8sObject[] = structuredClone(objects);
    const policy = named(loose, 'NetworkPolicy', 'marketlens-postgres-from-app');
    (policy.spec as { ingress: { from?: unknown }[] }).ingress[0]!.from = undefined;
    expect(canReach(loose, strangerHere, POSTGRES, 5432)).toBe(true);
  });
});

describe.each(DEPLOYABLE)('network policies of %s', (name) => {
  it('deny ingress by default in the namespace', () => {
    const objects = build(name);
    const deny = ofKind(objects, 'NetworkPolicy').find((p) => p.metadata.name === 'marketlens-default-deny-ingress');
    expect(deny?.metadata.namespace).toBe(NAMESPACES[name as keyof typeof NAMESPACES]);
    const here: Source = { namespace: deny?.metadata.namespace ?? '', podLabels: { app: 'debug-shell' } };
    expect(canReach(objects, here, app('api'), 8080)).toBe(false);
    expect(canReach(objects, ingressController, app('api'), 8080)).toBe(true);
  });
});
