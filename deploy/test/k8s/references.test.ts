import { describe, expect, it } from 'vitest';
import { build, KUSTOMIZATION_NAMES } from '../support/k8s-build';
import { containersOf, named, podTemplateOf, type K8sObject } from '../support/k8s-objects';
import {
  ingressProblems,
  networkPolicySelectorProblems,
  probeProblems,
  scalingProblems,
  serviceProblems,
  WEB_HEALTH_PATH,
} from '../support/k8s-reference-checks';
import { readRepoFile } from '../support/repo';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const m = (value: unknown): Mutable => value as Mutable;
const container = (o: K8sObject, index = 0): Mutable => m(podTemplateOf(o)?.spec?.containers[index]);

// Names that must agree across objects: kustomize renders them, nothing else would notice a mismatch.
describe('cross-references of the built manifests', () => {
  describe.each(KUSTOMIZATION_NAMES)('%s', (name) => {
    it('probes /healthz and /readyz on the server port 8080 (web: nginx health on 8080)', () => {
      expect(probeProblems(build(name))).toEqual([]);
    });
    it('has Services that select real pods on ports those pods open', () => {
      expect(serviceProblems(build(name))).toEqual([]);
    });
    it('routes the Ingress to existing Services and ports, with TLS for its host', () => {
      expect(ingressProblems(build(name))).toEqual([]);
    });
    it('points HPAs and PDBs at real Deployments and pods', () => {
      expect(scalingProblems(build(name))).toEqual([]);
    });
    it('selects real pods in every NetworkPolicy', () => {
      expect(networkPolicySelectorProblems(build(name))).toEqual([]);
    });
  });

  it("probes a path the web image's nginx answers itself, and proxies /api to a Service of the build", () => {
    const site = readRepoFile('deploy/docker/nginx-site.conf');
    expect(site, 'nginx-site.conf answers the probe without the API').toContain(`location = ${WEB_HEALTH_PATH} {`);
    for (const name of KUSTOMIZATION_NAMES) {
      const objects = build(name);
      for (const web of objects.filter((o) => o.kind === 'Deployment' && /marketlens-web/.test(o.metadata.name))) {
        const upstream = containersOf(web)[0]?.env?.find((e) => e.name === 'API_UPSTREAM')?.value ?? '';
        const [host, port] = upstream.split(':');
        const service = named(objects, 'Service', host ?? '');
        expect(
          (service.spec as Mutable).ports.map((p: Mutable) => String(p.port)),
          `${name} ${upstream}`,
        ).toContain(port);
      }
    }
  });

  it('notices a probe on the wrong path, the wrong port, or liveness tied to the dependencies', () => {
    const objects = build('prod');
    container(named(objects, 'Deployment', 'marketlens-api')).livenessProbe.httpGet.path = '/readyz';
    container(named(objects, 'Deployment', 'marketlens-worker')).readinessProbe.httpGet.port = 9090;
    delete container(named(objects, 'Deployment', 'marketlens-scheduler')).startupProbe;
    const problems = probeProblems(objects).join('\n');
    expect(problems).toMatch(/marketlens-api container server: livenessProbe probes \/readyz/);
    expect(problems).toMatch(/marketlens-worker container server: readinessProbe targets port 9090/);
    expect(problems).toMatch(/marketlens-scheduler container server: has no startupProbe/);
  });

  it('notices a Service whose selector or targetPort matches nothing', () => {
    const objects = build('prod');
    m(named(objects, 'Service', 'marketlens-api').spec).selector['app.kubernetes.io/component'] = 'apl';
    m(named(objects, 'Service', 'marketlens-web').spec).ports[0].targetPort = 'web';
    const problems = serviceProblems(objects).join('\n');
    expect(problems).toMatch(/Service\/marketlens-api: selector matches no pod/);
    expect(problems).toMatch(/Service\/marketlens-web: targetPort web is not a port of Deployment\/marketlens-web/);
  });

  it('notices an Ingress backend that names a missing Service or port, and a host without TLS', () => {
    const objects = build('prod');
    const rule = m(named(objects, 'Ingress', 'marketlens').spec).rules[0];
    rule.http.paths[0].backend.service.name = 'marketlens-apis';
    rule.http.paths[1].backend.service.port = { name: 'https' };
    rule.host = 'other.example.com';
    const problems = ingressProblems(objects).join('\n');
    expect(problems).toMatch(/\/api -> Service marketlens-apis is not in the build/);
    expect(problems).toMatch(/\/ -> Service\/marketlens-web has no port/);
    expect(problems).toMatch(/host other.example.com has no TLS/);
  });

  it('notices an HPA aimed at a missing Deployment or fighting a fixed replica count, and a PDB selecting nothing', () => {
    const objects = build('prod');
    m(named(objects, 'HorizontalPodAutoscaler', 'marketlens-api').spec).scaleTargetRef.name = 'marketlens-ap';
    m(named(objects, 'Deployment', 'marketlens-worker').spec).replicas = 2;
    m(named(objects, 'PodDisruptionBudget', 'marketlens-web').spec).selector.matchLabels[
      'app.kubernetes.io/component'
    ] = 'frontend';
    const problems = scalingProblems(objects).join('\n');
    expect(problems).toMatch(/marketlens-api: scaleTargetRef Deployment\/marketlens-ap is not in the build/);
    expect(problems).toMatch(/Deployment\/marketlens-worker sets replicas/);
    expect(problems).toMatch(/PodDisruptionBudget\/marketlens-web: selector matches no pod/);
  });

  it('notices a NetworkPolicy protecting or admitting pods that do not exist', () => {
    const objects = build('dev');
    m(named(objects, 'NetworkPolicy', 'marketlens-allow-web-to-api').spec).podSelector.matchLabels[
      'app.kubernetes.io/component'
    ] = 'backend';
    m(named(objects, 'NetworkPolicy', 'marketlens-postgres-from-app').spec).ingress[0].from[0].podSelector = {
      matchLabels: { 'app.kubernetes.io/name': 'marketlens-app' },
    };
    const problems = networkPolicySelectorProblems(objects).join('\n');
    expect(problems).toMatch(/marketlens-allow-web-to-api: podSelector matches no pod/);
    expect(problems).toMatch(/marketlens-postgres-from-app: peer .*marketlens-app.* matches no pod/);
  });
});
