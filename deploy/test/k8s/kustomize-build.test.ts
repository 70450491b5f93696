import { describe, expect, it } from 'vitest';
import {
  build,
  DEPLOYABLE,
  KUSTOMIZATION_NAMES,
  KUSTOMIZATIONS,
  kubectlPath,
  kustomizeText,
  NAMESPACES,
  parseManifests,
} from '../support/k8s-build';
import { containersOf, ref, workloads } from '../support/k8s-objects';

// No cluster here: `kubectl kustomize` renders every kustomization exactly as `kubectl apply -k` would.
describe('kustomize builds', () => {
  it('fails with a message naming kubectl when it is not installed', () => {
    expect(() => kubectlPath({ ...process.env, KUBECTL: '/nonexistent/kubectl' })).toThrow(/kubectl is not installed/);
  });

  it.each(KUSTOMIZATION_NAMES)('builds %s', (name) => {
    const objects = parseManifests(kustomizeText(KUSTOMIZATIONS[name]));
    expect(objects.length, `${name} renders objects`).toBeGreaterThan(10);
    for (const o of objects) expect(o.metadata?.name, `every object of ${name} has a name`).toBeTruthy();
  });

  it('reports a broken kustomization instead of rendering part of it', () => {
    expect(() => kustomizeText('deploy/k8s/overlays/does-not-exist')).toThrow();
  });

  it.each(DEPLOYABLE)('puts every namespaced object of %s in its namespace', (name) => {
    const namespace = NAMESPACES[name as keyof typeof NAMESPACES];
    const objects = build(name);
    const stray = objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace).map(ref);
    expect(stray, `objects outside ${namespace} would land in whatever namespace kubectl points at`).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([namespace]);
  });

  it.each(DEPLOYABLE)('pins every image of %s to a tag', (name) => {
    for (const workload of workloads(build(name))) {
      for (const c of containersOf(workload)) {
        expect(c.image, `${ref(workload)} ${c.name}`).toMatch(/^([a-z0-9.-]+\/)*[a-z0-9._-]+:[A-Za-z0-9._-]+$/);
        expect(c.image, `${ref(workload)} ${c.name} must not float`).not.toMatch(/:latest$/);
      }
    }
  });

  it('points the overlays at the pushed images, never at the local build names', () => {
    for (const name of DEPLOYABLE) {
      const images = workloads(build(name)).flatMap((w) => containersOf(w).map((c) => c.image ?? ''));
      expect(
        images.filter((i) => /^marketlens\//.test(i)),
        name,
      ).toEqual([]);
      expect(
        images.some((i) => i.startsWith('ghcr.io/') && i.includes('/marketlens-server:')),
        name,
      ).toBe(true);
      expect(
        images.some((i) => i.startsWith('ghcr.io/') && i.includes('/marketlens-web:')),
        name,
      ).toBe(true);
      expect(
        images.some((i) => i.startsWith('ghcr.io/') && i.includes('/marketlens-backup:')),
        name,
      ).toBe(true);
    }
  });
});
