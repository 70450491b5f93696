// Picks the written-out kernels for the state counts that have them (K = 2, 3, 4: the common regime
// counts); every other K runs the generic loops of forward-backward.ts and forward-backward-smooth.ts, which
// the kernels must match bit for bit (kernels-match-generic.test.ts). The three forward-unrolled-k* and the
// three backward-unrolled-k* files are one kernel written out for each K, line for line: change them together.
import { backwardStats2 } from './backward-unrolled-k2';
import { backwardStats3 } from './backward-unrolled-k3';
import { backwardStats4 } from './backward-unrolled-k4';
import type { Emission } from './emission';
import type { HMMWorkspace, SufficientStats } from './forward-backward';
import { forward2 } from './forward-unrolled-k2';
import { forward3 } from './forward-unrolled-k3';
import { forward4 } from './forward-unrolled-k4';
import type { Matrix } from './hmm-types';

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

const KERNELS: Readonly<Record<number, UnrolledKernels>> = {
  2: { forward: forward2, backwardStats: backwardStats2 },
  3: { forward: forward3, backwardStats: backwardStats3 },
  4: { forward: forward4, backwardStats: backwardStats4 },
};

/** The written-out kernels for K states, or null when K has none. */
export const unrolledKernels = (K: number): UnrolledKernels | null => KERNELS[K] ?? null;
