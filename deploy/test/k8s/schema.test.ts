import { describe, expect, it } from 'vitest';
import { build, KUSTOMIZATION_NAMES } from '../support/k8s-build';
import { named, type K8sObject } from '../support/k8s-objects';
import { schemaProblems, unknownFieldProblems } from '../support/k8s-schema';

// Schemas: kubernetes-models (generated from the official Kubernetes OpenAPI) for types, required fields and
// enums; the TypeScript compiler against the same generated interfaces for field names the schema lacks.
const api = (): K8sObject => named(build('prod'), 'Deployment', 'marketlens-api');
type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const podOf = (o: K8sObject): Mutable => (o.spec as Mutable).template.spec as Mutable;

describe('Kubernetes object schemas', () => {
  it.each(KUSTOMIZATION_NAMES)('accepts every object of %s', (name) => {
    expect(build(name).flatMap(schemaProblems)).toEqual([]);
  });

  it.each(KUSTOMIZATION_NAMES)('finds no field in %s that Kubernetes does not know', (name) => {
    expect(unknownFieldProblems(build(name))).toEqual([]);
  });

  it('rejects a string where the schema wants a number', () => {
    const broken = api();
    (broken.spec as Mutable).revisionHistoryLimit = '5';
    expect(schemaProblems(broken).join()).toMatch(/revisionHistoryLimit must be integer/);
  });

  it('rejects an object without a required field', () => {
    const broken = api();
    delete podOf(broken).containers;
    expect(schemaProblems(broken).join()).toMatch(/must have required property '?containers/);
  });

  it('rejects a wrong type deep inside the pod template', () => {
    const broken = api();
    podOf(broken).containers[0].ports[0].containerPort = '8080';
    expect(schemaProblems(broken).join()).toMatch(/containerPort must be integer/);
  });

  it('rejects a kind it has no schema for', () => {
    const crd = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'x' } };
    expect(schemaProblems(crd).join()).toMatch(/unknown kind/);
  });

  it('rejects a misspelt field at any depth', () => {
    const broken = api();
    const container = podOf(broken).containers[0] as Mutable;
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;
    expect(schemaProblems(broken), 'JSON schema alone lets it through').toEqual([]);
    expect(unknownFieldProblems([broken]).join()).toMatch(/readinesProbe/);
  });

  it('names the object whose field is unknown', () => {
    const objects = build('prod');
    const hpa = named(objects, 'HorizontalPodAutoscaler', 'marketlens-worker');
    (hpa.spec as Mutable).minReplica = 1;
    const problems = unknownFieldProblems(objects);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/HorizontalPodAutoscaler marketlens-worker: .*minReplica/);
  });
});
