// Grows one tree depth-wise (level by level, like XGBoost's default) on binned rows. Depth-wise rather than
// LightGBM's leaf-wise: with the few thousand noisy rows of a daily-bar forecast, a depth cap is the easier
// regulariser to reason about and leaf-wise growth overfits small data (LightGBM's own docs warn of this).
//
// Speed comes from the histogram subtraction trick: only the smaller child's histogram is built from its rows;
// the larger child's is parent - smaller, computed in the parent's buffer.
import type { GbdtParams } from './gbdt-params';
import { type GbdtTree, LEAF } from './gbdt-tree';
import { buildHistogram, type HistogramPool, subtractHistogram } from './histogram';
import { findBestSplit, leafWeight, type NodeStats } from './split-finder';

export interface TreeData {
  /** Row-major binned features `bins[row * cols + f]`. */
  bins: Uint8Array;
  cols: number;
  offsets: Int32Array;
  grad: Float64Array;
  hess: Float64Array;
}

export interface TreeSample {
  /** Row ids of the tree's sample; reordered in place as nodes are partitioned. */
  rows: Uint32Array;
  /** Feature ids the tree may split on (column subsampling). */
  features: Int32Array;
}

export type TreeParams = Pick<
  GbdtParams,
  'maxDepth' | 'minSamplesLeaf' | 'minChildWeight' | 'minGain' | 'lambda' | 'learningRate'
>;

interface OpenNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  stats: NodeStats;
  /** null when the node cannot split further (its histogram would never be read). */
  hist: Float64Array | null;
}

class TreeArrays {
  readonly feature: number[] = [];
  readonly bin: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly value: number[] = [];

  add(): number {
    this.feature.push(LEAF);
    this.bin.push(0);
    this.left.push(LEAF);
    this.right.push(LEAF);
    this.value.push(0);
    return this.feature.length - 1;
  }

  freeze(): GbdtTree {
    return {
      feature: Int32Array.from(this.feature),
      bin: Int32Array.from(this.bin),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
    };
  }
}

/** Stable in-place partition of rows[start, end) (left rows first); returns the first right position. */
function partition(
  data: TreeData,
  rows: Uint32Array,
  scratch: Uint32Array,
  node: OpenNode,
  f: number,
  bin: number,
): number {
  let write = node.start;
  let spilled = 0;
  for (let k = node.start; k < node.end; k++) {
    const r = rows[k]!;
    if (data.bins[r * data.cols + f]! <= bin) rows[write++] = r;
    else scratch[spilled++] = r;
  }
  rows.set(scratch.subarray(0, spilled), write);
  return write;
}

export interface GrowOptions {
  pool: HistogramPool;
  /** Reused partition buffer, at least as long as the sample. */
  scratch: Uint32Array;
  /** false builds every histogram from its rows; only for tests that check the subtraction path. */
  subtraction?: boolean;
}

export function growTree(data: TreeData, sample: TreeSample, params: TreeParams, options: GrowOptions): GbdtTree {
  const { rows, features } = sample;
  const { pool, scratch } = options;
  const subtraction = options.subtraction ?? true;
  const { grad, hess } = data;
  const histogramOf = (start: number, end: number): Float64Array => {
    const hist = pool.acquire();
    buildHistogram(hist, data.bins, data.cols, data.offsets, features, grad, hess, rows, start, end);
    return hist;
  };
  const canSplit = (depth: number, stats: NodeStats): boolean =>
    depth < params.maxDepth && stats.count >= 2 * params.minSamplesLeaf;

  const tree = new TreeArrays();
  const rootStats: NodeStats = { G: 0, H: 0, count: rows.length };
  for (let k = 0; k < rows.length; k++) {
    rootStats.G += grad[rows[k]!]!;
    rootStats.H += hess[rows[k]!]!;
  }
  const root: OpenNode = { id: tree.add(), start: 0, end: rows.length, depth: 0, stats: rootStats, hist: null };
  if (canSplit(0, rootStats)) root.hist = histogramOf(0, rows.length);

  // FIFO over a growing array: nodes are expanded in breadth-first order, one level after another.
  const open: OpenNode[] = [root];
  for (let next = 0; next < open.length; next++) {
    const node = open[next]!;
    const split = node.hist && findBestSplit(node.hist, data.offsets, features, node.stats, params);
    if (!split) {
      tree.value[node.id] = params.learningRate * leafWeight(node.stats, params.lambda);
      if (node.hist) pool.release(node.hist);
      continue;
    }
    const mid = partition(data, rows, scratch, node, split.feature, split.bin);
    const depth = node.depth + 1;
    const left: OpenNode = { id: tree.add(), start: node.start, end: mid, depth, stats: split.left, hist: null };
    const right: OpenNode = { id: tree.add(), start: mid, end: node.end, depth, stats: split.right, hist: null };
    tree.feature[node.id] = split.feature;
    tree.bin[node.id] = split.bin;
    tree.left[node.id] = left.id;
    tree.right[node.id] = right.id;
    attachHistograms(node.hist!, left, right, { canSplit, histogramOf, subtraction, pool, data, features });
    open.push(left, right);
  }
  return tree.freeze();
}

interface AttachContext {
  canSplit: (depth: number, stats: NodeStats) => boolean;
  histogramOf: (start: number, end: number) => Float64Array;
  subtraction: boolean;
  pool: HistogramPool;
  data: TreeData;
  features: Int32Array;
}

/** Gives each child that may split a histogram; the parent's buffer becomes the larger child's (or is released). */
function attachHistograms(parent: Float64Array, left: OpenNode, right: OpenNode, ctx: AttachContext): void {
  const needLeft = ctx.canSplit(left.depth, left.stats);
  const needRight = ctx.canSplit(right.depth, right.stats);
  if (!needLeft && !needRight) {
    ctx.pool.release(parent);
    return;
  }
  if (!ctx.subtraction) {
    if (needLeft) left.hist = ctx.histogramOf(left.start, left.end);
    if (needRight) right.hist = ctx.histogramOf(right.start, right.end);
    ctx.pool.release(parent);
    return;
  }
  const [small, large] = left.end - left.start <= right.end - right.start ? [left, right] : [right, left];
  const smallHist = ctx.histogramOf(small.start, small.end);
  if (ctx.canSplit(large.depth, large.stats)) {
    subtractHistogram(parent, smallHist, ctx.data.offsets, ctx.features);
    large.hist = parent;
  } else ctx.pool.release(parent);
  if (ctx.canSplit(small.depth, small.stats)) small.hist = smallHist;
  else ctx.pool.release(smallHist);
}
