import { describe, expect, it } from 'vitest';
import { build } from '../support/k8s-build';
import {
  cliSelectorMatches,
  containersOf,
  mapSelector,
  named,
  podLabelsOf,
  ref,
  selectorMatches,
  type K8sObject,
} from '../support/k8s-objects';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const spec = (o: K8sObject): Mutable => o.spec as Mutable;
const picked = (objects: K8sObject[], selector: string) =>
  objects
    .filter((o) => cliSelectorMatches(selector, o.metadata.labels ?? {}))
    .map(ref)
    .sort();
const serviceSelects = (service: K8sObject, workload: K8sObject) =>
  selectorMatches(mapSelector(spec(service).selector), podLabelsOf(workload));
const imageOf = (o: K8sObject) => containersOf(o)[0]?.image;

describe('blue/green (components/blue-green)', () => {
  const blue = build('prod-blue');
  const green = build('prod-green');

  it('routes the live Services, and so the Ingress, to the pods of its colour only', () => {
    for (const [objects, live, idle] of [
      [blue, 'blue', 'green'],
      [green, 'green', 'blue'],
    ] as const) {
      for (const role of ['api', 'web']) {
        const service = named(objects, 'Service', `marketlens-${role}`);
        expect(serviceSelects(service, named(objects, 'Deployment', `marketlens-${role}-${live}`))).toBe(true);
        const other = named(idle === 'green' ? green : blue, 'Deployment', `marketlens-${role}-${idle}`);
        expect(serviceSelects(service, other), `${live} never sends traffic to ${idle}`).toBe(false);
      }
    }
  });

  it('deploys the idle colour without switching: its label selects its own stack and no live Service', () => {
    expect(picked(green, 'marketlens.io/color=green')).toEqual([
      'Deployment/marketlens-api-green',
      'Deployment/marketlens-web-green',
      'HorizontalPodAutoscaler/marketlens-api-green',
      'PodDisruptionBudget/marketlens-api-green',
      'PodDisruptionBudget/marketlens-web-green',
      'Service/marketlens-api-green',
      'Service/marketlens-web-green',
    ]);
  });

  it("previews a colour end to end: its web app proxies /api to the same colour's API", () => {
    for (const [objects, color] of [
      [blue, 'blue'],
      [green, 'green'],
    ] as const) {
      const web = named(objects, 'Deployment', `marketlens-web-${color}`);
      const upstream = containersOf(web)[0]?.env?.find((e) => e.name === 'API_UPSTREAM')?.value;
      expect(upstream).toBe(`marketlens-api-${color}:8080`);
      const preview = named(objects, 'Service', `marketlens-api-${color}`);
      expect(serviceSelects(preview, named(objects, 'Deployment', `marketlens-api-${color}`))).toBe(true);
    }
  });

  it('builds green exactly like blue apart from the colour and the release it runs', () => {
    const normalise = (objects: K8sObject[], color: string, tag: string) =>
      JSON.parse(JSON.stringify(objects).replaceAll(color, 'COLOR').replaceAll(`:${tag}"`, ':TAG"')) as unknown;
    const blueTag = imageOf(named(blue, 'Deployment', 'marketlens-api-blue'))?.split(':')[1] ?? '';
    const greenTag = imageOf(named(green, 'Deployment', 'marketlens-api-green'))?.split(':')[1] ?? '';
    expect(blueTag).not.toBe(greenTag);
    expect(normalise(green, 'green', greenTag)).toEqual(normalise(blue, 'blue', blueTag));
  });

  it('keeps one worker, scheduler and engine, which move to the new release at the switch', () => {
    for (const objects of [blue, green]) {
      const names = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
      expect(names.filter((n) => /worker|scheduler|engine/.test(n)).sort()).toEqual([
        'marketlens-engine',
        'marketlens-scheduler',
        'marketlens-worker',
      ]);
    }
  });
});

describe('canary (components/canary)', () => {
  const prod = build('prod');
  const canaryBuild = build('prod-canary');
  const canary = named(canaryBuild, 'Deployment', 'marketlens-api-canary');
  const stable = named(prod, 'Deployment', 'marketlens-api');

  it('runs one pod of the candidate image, migrated with that image first', () => {
    expect(spec(canary).replicas).toBe(1);
    expect(imageOf(canary)).not.toBe(imageOf(stable));
    expect(imageOf(named(canaryBuild, 'Job', 'marketlens-migrate'))).toBe(imageOf(canary));
  });

  it('shares the API Service with the stable pods without either Deployment claiming the other pods', () => {
    const service = named(prod, 'Service', 'marketlens-api');
    expect(serviceSelects(service, stable)).toBe(true);
    expect(serviceSelects(service, canary)).toBe(true);
    expect(selectorMatches(spec(stable).selector, podLabelsOf(canary))).toBe(false);
    expect(selectorMatches(spec(canary).selector, podLabelsOf(stable))).toBe(false);
  });

  it('leaves every stable object as production has it, so applying the canary changes nothing else', () => {
    const stableOnly = [
      'Deployment/marketlens-api',
      'HorizontalPodAutoscaler/marketlens-api',
      'PodDisruptionBudget/marketlens-api',
    ];
    const withoutJob = (objects: K8sObject[]) => objects.filter((o) => ref(o) !== 'Job/marketlens-migrate');
    const expected = withoutJob(prod).filter((o) => !stableOnly.includes(ref(o)));
    const actual = withoutJob(canaryBuild).filter((o) => ref(o) !== ref(canary));
    expect(actual).toEqual(expected);
    expect(picked(canaryBuild, 'marketlens.io/track=canary')).toEqual(['Deployment/marketlens-api-canary']);
  });
});
