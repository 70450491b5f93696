// The boosting loop: bin the features once, then add nTrees trees, each fitted to the gradients and hessians of
// the loss at the current scores (second-order boosting as in XGBoost / LightGBM).
import type { Matrix } from '../../hmm/hmm-types';
import { createSeededRandom, type SeededRandom } from '../../random/seeded-random';
import { assertFeatureMatrix, binMatrix, fitBinEdges } from './feature-binning';
import { gbdtInputError } from './gbdt.error';
import { OBJECTIVES } from './gbdt-objectives';
import { type GbdtObjective, type GbdtParams, objectiveName } from './gbdt-params';
import { type GbdtTree, leafOf } from './gbdt-tree';
import { histogramOffsets, HistogramPool, SLOTS } from './histogram';
import { growTree, type TreeData } from './tree-builder';

export interface GbdtModel {
  readonly objective: GbdtObjective;
  readonly nFeatures: number;
  readonly baseScore: number;
  /** Per feature, the upper bin edges learnt from the training rows (see feature-binning.ts). */
  readonly binEdges: readonly Float64Array[];
  readonly trees: readonly GbdtTree[];
}

export interface GbdtFit {
  model: GbdtModel;
  /** Mean training loss before any tree (index 0) and after each tree: MSE for l2, log loss for logistic. */
  trainLoss: Float64Array;
}

/** The first `k` entries of `pool` become a uniform random k-subset (partial Fisher-Yates), returned sorted. */
function sampleSubset(pool: Uint32Array, k: number, rng: SeededRandom): Uint32Array {
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  // Sorted rows keep histogram building walking memory forwards.
  return pool.slice(0, k).sort();
}

const identity = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i);

export function trainGbdt(
  X: Matrix,
  y: Float64Array,
  params: GbdtParams,
  options: { subtraction?: boolean } = {},
): GbdtFit {
  const objective = objectiveName(params);
  const loss = OBJECTIVES[objective];
  if (!(y instanceof Float64Array)) throw gbdtInputError('y', 'must be a Float64Array');
  if (X.rows < 1) throw gbdtInputError('X', 'needs at least 1 row');
  if (y.length !== X.rows) throw gbdtInputError('y', `has ${y.length} values for ${X.rows} rows of X`);
  const binEdges = fitBinEdges(X, params.maxBins); // validates X
  loss.checkTargets(y);

  const n = X.rows;
  const offsets = histogramOffsets(binEdges);
  const data: TreeData = {
    bins: binMatrix(X, binEdges),
    cols: X.cols,
    offsets,
    grad: new Float64Array(n),
    hess: new Float64Array(n),
  };
  const baseScore = loss.baseScore(y);
  const raw = new Float64Array(n).fill(baseScore);
  const trainLoss = new Float64Array(params.nTrees + 1);
  trainLoss[0] = loss.loss(y, raw);

  const rng = createSeededRandom(params.seed);
  const rowPool = identity(n);
  const featurePool = identity(X.cols);
  const nRows = Math.max(1, Math.round(params.subsample * n));
  const nCols = Math.max(1, Math.round(params.colsampleByTree * X.cols));
  const growOptions = { pool: new HistogramPool(SLOTS * offsets[X.cols]!), scratch: new Uint32Array(n), ...options };
  const allFeatures = Int32Array.from(featurePool);

  const trees: GbdtTree[] = [];
  for (let t = 0; t < params.nTrees; t++) {
    loss.gradients(y, raw, data.grad, data.hess);
    const rows = nRows < n ? sampleSubset(rowPool, nRows, rng) : rowPool.slice();
    const features = nCols < X.cols ? Int32Array.from(sampleSubset(featurePool, nCols, rng)) : allFeatures;
    const tree = growTree(data, { rows, features }, params, growOptions);
    trees.push(tree);
    // Every row moves, sampled or not, so the next gradients see the full ensemble.
    for (let i = 0; i < n; i++) raw[i]! += tree.value[leafOf(tree, data.bins, X.cols, i)]!;
    trainLoss[t + 1] = loss.loss(y, raw);
  }
  return { model: { objective, nFeatures: X.cols, baseScore, binEdges, trees }, trainLoss };
}

/**
 * Raw scores (log-odds for logistic) using the first `nTrees` trees. New rows are binned with the stored edges, so
 * values outside the training range fall into the first or last bin, exactly as a tree saw them in training.
 */
export function predictGbdtRaw(model: GbdtModel, X: Matrix, nTrees = model.trees.length): Float64Array {
  assertFeatureMatrix(X, { nFeatures: model.nFeatures, allowInfinite: true });
  if (!Number.isInteger(nTrees) || nTrees < 0 || nTrees > model.trees.length)
    throw gbdtInputError('nTrees', `must be an integer in [0, ${model.trees.length}], got ${nTrees}`);
  const bins = binMatrix(X, model.binEdges);
  const out = new Float64Array(X.rows).fill(model.baseScore);
  for (let t = 0; t < nTrees; t++) {
    const tree = model.trees[t]!;
    for (let i = 0; i < X.rows; i++) out[i]! += tree.value[leafOf(tree, bins, X.cols, i)]!;
  }
  return out;
}

/** Predictions on the target's scale: the log return for l2, P(up) for logistic. */
export function predictGbdt(model: GbdtModel, X: Matrix, nTrees?: number): Float64Array {
  const raw = predictGbdtRaw(model, X, nTrees);
  const transform = OBJECTIVES[model.objective].transform;
  return raw.map(transform);
}
