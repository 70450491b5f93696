// Best split of a node from its histogram, with the second-order gain of XGBoost (Chen & Guestrin 2016, eq. 7)
// that LightGBM also uses: gain = 0.5 * (GL²/(HL+λ) + GR²/(HR+λ) - G²/(H+λ)).
import type { GbdtParams } from './gbdt-params';
import { SLOTS } from './histogram';

/** Sums of a node's rows: gradient, hessian, row count. */
export interface NodeStats {
  G: number;
  H: number;
  count: number;
}

export interface Split {
  feature: number;
  /** Rows with bin <= bin go left. */
  bin: number;
  gain: number;
  left: NodeStats;
  right: NodeStats;
}

type SplitLimits = Pick<GbdtParams, 'lambda' | 'minSamplesLeaf' | 'minChildWeight' | 'minGain'>;

/**
 * Scans every bin boundary of every sampled feature. Equal gains keep the first candidate (lowest feature, then
 * lowest bin), so a tie always resolves the same way.
 * Returns null when no split passes minSamplesLeaf, minChildWeight and gain > minGain.
 */
export function findBestSplit(
  hist: Float64Array,
  offsets: Int32Array,
  features: Int32Array,
  node: NodeStats,
  limits: SplitLimits,
): Split | null {
  const { lambda, minSamplesLeaf, minChildWeight } = limits;
  const { G, H, count } = node;
  const parentScore = (G * G) / (H + lambda);
  let best: Split | null = null;
  let bestGain = limits.minGain;
  for (let j = 0; j < features.length; j++) {
    const f = features[j]!;
    const first = offsets[f]!;
    const last = offsets[f + 1]! - 1; // the last bin cannot be a "go left" boundary
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = first; b < last; b++) {
      const slot = SLOTS * b;
      gl += hist[slot]!;
      hl += hist[slot + 1]!;
      cl += hist[slot + 2]!;
      if (cl < minSamplesLeaf || hl < minChildWeight) continue;
      const cr = count - cl;
      const hr = H - hl;
      // Hessians and counts only grow to the left, so once the right child is too small it stays too small.
      if (cr < minSamplesLeaf || hr < minChildWeight) break;
      const gr = G - gl;
      const gain = 0.5 * ((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore);
      if (gain > bestGain) {
        bestGain = gain;
        best = {
          feature: f,
          bin: b - first,
          gain,
          left: { G: gl, H: hl, count: cl },
          right: { G: gr, H: hr, count: cr },
        };
      }
    }
  }
  return best;
}

/** Optimal leaf weight -G/(H+λ), before shrinkage. */
export const leafWeight = (stats: NodeStats, lambda: number): number => -stats.G / (stats.H + lambda);
