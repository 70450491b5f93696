// Gradient/hessian/count histograms of a tree node. One Float64Array holds every feature's bins back to back,
// three slots per bin (gradient sum, hessian sum, row count) so a bin's statistics share a cache line.
export const SLOTS = 3;

/** Where each feature's bins start in a histogram; `offsets[cols]` is the total bin count. */
export function histogramOffsets(edges: readonly Float64Array[]): Int32Array {
  const offsets = new Int32Array(edges.length + 1);
  edges.forEach((e, f) => (offsets[f + 1] = offsets[f]! + e.length + 1));
  return offsets;
}

/** Accumulates rows[start, end) into `hist` (which must be zeroed) for the given features only. */
export function buildHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  cols: number,
  offsets: Int32Array,
  features: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
): void {
  const nf = features.length;
  for (let k = start; k < end; k++) {
    const r = rows[k]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const base = r * cols;
    for (let j = 0; j < nf; j++) {
      const f = features[j]!;
      const slot = SLOTS * (offsets[f]! + bins[base + f]!);
      hist[slot]! += g;
      hist[slot + 1]! += h;
      hist[slot + 2]! += 1;
    }
  }
}

/** parent -= child over the given features: the sibling's histogram without another pass over its rows. */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  offsets: Int32Array,
  features: Int32Array,
): void {
  for (let j = 0; j < features.length; j++) {
    const f = features[j]!;
    const end = SLOTS * offsets[f + 1]!;
    for (let i = SLOTS * offsets[f]!; i < end; i++) parent[i]! -= child[i]!;
  }
}

/** Reuses histogram buffers across nodes and trees: a 20-feature histogram is ~120 KB, so allocating per node churns. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(private readonly size: number) {}

  acquire(): Float64Array {
    const buffer = this.free.pop();
    if (buffer === undefined) return new Float64Array(this.size);
    buffer.fill(0);
    return buffer;
  }

  release(buffer: Float64Array): void {
    this.free.push(buffer);
  }
}
