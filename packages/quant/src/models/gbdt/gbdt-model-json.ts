// Plain-JSON form of a fitted GbdtModel (the `state` of the forecaster's JSON). Numbers survive JSON exactly, so a
// restored model predicts bit for bit like the original. Reading validates every field and names the bad one.
import { gbdtInputError } from './gbdt.error';
import type { GbdtModel } from './gbdt-model';
import { GBDT_OBJECTIVES, type GbdtObjective } from './gbdt-params';
import { type GbdtTree, LEAF } from './gbdt-tree';

export const GBDT_STATE_VERSION = 1;

export interface GbdtTreeJson {
  feature: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface GbdtStateJson {
  version: typeof GBDT_STATE_VERSION;
  objective: GbdtObjective;
  nFeatures: number;
  baseScore: number;
  binEdges: number[][];
  trees: GbdtTreeJson[];
}

export function gbdtStateToJson(model: GbdtModel): GbdtStateJson {
  return {
    version: GBDT_STATE_VERSION,
    objective: model.objective,
    nFeatures: model.nFeatures,
    baseScore: model.baseScore,
    binEdges: model.binEdges.map((e) => Array.from(e)),
    trees: model.trees.map((t) => ({
      feature: Array.from(t.feature),
      bin: Array.from(t.bin),
      left: Array.from(t.left),
      right: Array.from(t.right),
      value: Array.from(t.value),
    })),
  };
}

const fail = (field: string, reason: string): never => {
  throw gbdtInputError(field, reason);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function finiteNumbers(value: unknown, field: string, length?: number): number[] {
  if (!Array.isArray(value)) return fail(field, 'must be an array');
  if (length !== undefined && value.length !== length) fail(field, `must have ${length} entries, has ${value.length}`);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      fail(`${field}[${i}]`, `must be a finite number, got ${JSON.stringify(v)}`);
  });
  return value as number[];
}

function integersIn(value: unknown, field: string, length: number, lo: number, hi: number): number[] {
  const values = finiteNumbers(value, field, length);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      fail(`${field}[${i}]`, `must be an integer in [${lo}, ${hi}], got ${v}`);
  });
  return values;
}

function readEdges(value: unknown, nFeatures: number): Float64Array[] {
  if (!Array.isArray(value) || value.length !== nFeatures)
    return fail('state.binEdges', `must be an array of ${nFeatures} arrays`);
  return value.map((e, f) => {
    const edges = finiteNumbers(e, `state.binEdges[${f}]`);
    if (edges.length > 254) fail(`state.binEdges[${f}]`, `has ${edges.length} edges, must have at most 254 (255 bins)`);
    edges.forEach((v, i) => {
      if (i > 0 && !(v > edges[i - 1]!)) fail(`state.binEdges[${f}][${i}]`, 'must be greater than the previous edge');
    });
    return Float64Array.from(edges);
  });
}

/** Structure: every split node's feature and bin exist, children come after their parent and each node has one parent. */
function readTree(value: unknown, field: string, edges: readonly Float64Array[]): GbdtTree {
  if (!isObject(value)) return fail(field, 'must be an object');
  const feature = integersIn(
    value.feature,
    `${field}.feature`,
    Array.isArray(value.feature) ? value.feature.length : 0,
    LEAF,
    edges.length - 1,
  );
  const m = feature.length;
  if (m === 0) fail(`${field}.feature`, 'must have at least one node');
  const bin = integersIn(value.bin, `${field}.bin`, m, 0, 253);
  const left = integersIn(value.left, `${field}.left`, m, LEAF, m - 1);
  const right = integersIn(value.right, `${field}.right`, m, LEAF, m - 1);
  const nodeValue = finiteNumbers(value.value, `${field}.value`, m);
  const parents = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const f = feature[i]!;
    if (f === LEAF) {
      if (left[i] !== LEAF || right[i] !== LEAF) fail(`${field}.left[${i}]`, 'must be -1 on a leaf (feature -1)');
      continue;
    }
    if (bin[i]! >= edges[f]!.length) fail(`${field}.bin[${i}]`, `is past the last bin boundary of feature ${f}`);
    for (const [side, children] of [['left', left] as const, ['right', right] as const]) {
      const child = children[i]!;
      if (child <= i) fail(`${field}.${side}[${i}]`, `child ${child} must come after its parent`);
      parents[child]! += 1;
    }
  }
  for (let i = 1; i < m; i++)
    if (parents[i] !== 1) fail(`${field}`, `node ${i} has ${parents[i]} parents, must have exactly one`);
  return {
    feature: Int32Array.from(feature),
    bin: Int32Array.from(bin),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(nodeValue),
  };
}

export function gbdtStateFromJson(state: unknown, nTrees: number): GbdtModel {
  if (!isObject(state)) return fail('state', 'must be an object');
  if (state.version !== GBDT_STATE_VERSION)
    fail(
      'state.version',
      `must be ${GBDT_STATE_VERSION} (the only state version this build reads), got ${JSON.stringify(state.version)}`,
    );
  const objective = state.objective as GbdtObjective;
  if (!Object.hasOwn(GBDT_OBJECTIVES, objective))
    fail(
      'state.objective',
      `must be one of ${Object.keys(GBDT_OBJECTIVES).join(', ')}, got ${JSON.stringify(state.objective)}`,
    );
  const nFeatures = state.nFeatures;
  if (typeof nFeatures !== 'number' || !Number.isInteger(nFeatures) || nFeatures < 1)
    return fail('state.nFeatures', `must be an integer >= 1, got ${JSON.stringify(nFeatures)}`);
  const baseScore = state.baseScore;
  if (typeof baseScore !== 'number' || !Number.isFinite(baseScore))
    return fail('state.baseScore', `must be a finite number, got ${JSON.stringify(baseScore)}`);
  const binEdges = readEdges(state.binEdges, nFeatures);
  if (!Array.isArray(state.trees) || state.trees.length !== nTrees)
    fail('state.trees', `must be an array of ${nTrees} trees (params.nTrees)`);
  const trees = (state.trees as unknown[]).map((t, i) => readTree(t, `state.trees[${i}]`, binEdges));
  return { objective, nFeatures, baseScore, binEdges, trees };
}
