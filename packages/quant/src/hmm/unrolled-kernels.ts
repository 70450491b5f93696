// Picks the written-out kernels for the state counts that have them (K = 2, 3, 4: the common regime
// counts); every other K runs the generic loops of forward-backward.ts and forward-backward-smooth.ts, which
// the kernels must match bit for bit (kernels-match-generic.test.ts). The three forward-unrolled-k* and the
// three backward-unrolled-k* files are one kernel written out for each K, line for line: change them together.
import { backwardChunk2 } from './backward-unrolled-k2';
import { backwardChunk3 } from './backward-unrolled-k3';
import { backwardChunk4 } from './backward-unrolled-k4';
import type { Emission } from './emission';
import type { HMMWorkspace, SufficientStats } from './hmm-workspace';
import { forwardChunk2 } from './forward-unrolled-k2';
import { forwardChunk3 } from './forward-unrolled-k3';
import { forwardChunk4 } from './forward-unrolled-k4';
import type { Matrix } from './hmm-types';
import { backwardStatsInChunks, forwardInChunks, type BackwardChunk, type ForwardChunk } from './kernel-chunks';
import { warmUpKernels } from './kernel-warm-up';

export interface UnrolledKernels {
  /** Forward pass; `fused` (D = 2) computes the emissions in the pass, else they must be in ws.b / ws.rowMax. */
  readonly forward: (
    em: Emission,
    startProb: Float64Array,
    transMat: Float64Array,
    X: Matrix,
    ws: HMMWorkspace,
    fused: boolean,
  ) => number;
  /** Backward pass fused with the sufficient statistics, D <= 2. */
  readonly backwardStats: (transMat: Float64Array, X: Matrix, ws: HMMWorkspace, stats: SufficientStats) => void;
}

function inChunks(forwardChunk: ForwardChunk, backwardChunk: BackwardChunk): UnrolledKernels {
  return {
    forward: (em, startProb, transMat, X, ws, fused) =>
      forwardInChunks(forwardChunk, em, startProb, transMat, X, ws, fused),
    backwardStats: (transMat, X, ws, stats) => backwardStatsInChunks(backwardChunk, transMat, X, ws, stats),
  };
}

const KERNELS: Readonly<Record<number, UnrolledKernels>> = {
  2: inChunks(forwardChunk2, backwardChunk2),
  3: inChunks(forwardChunk3, backwardChunk3),
  4: inChunks(forwardChunk4, backwardChunk4),
};

const warmedUp = new Set<number>();

/** The written-out kernels for K states, or null when K has none; warmed up on first use (kernel-warm-up.ts). */
export function unrolledKernels(K: number): UnrolledKernels | null {
  const kernels = KERNELS[K];
  if (kernels === undefined) return null;
  if (!warmedUp.has(K)) {
    warmedUp.add(K);
    warmUpKernels(K, kernels);
  }
  return kernels;
}
