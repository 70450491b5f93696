// The buffers of the forward-backward passes: one workspace per series, allocated once per fit and reused by
// every iteration and restart, and the sufficient statistics one E-step leaves for the M-step.

/** Buffers for one series, allocated once per fit and reused by every iteration and restart. */
export interface HMMWorkspace {
  readonly T: number;
  readonly K: number;
  /** T x K normalised forward variables α̂ (filtered probabilities). */
  readonly alpha: Float64Array;
  /** T x K emission probabilities relative to the row maximum. */
  readonly b: Float64Array;
  /** T: each row's largest log-density (the reference of its b row). */
  readonly rowMax: Float64Array;
  readonly row: RowScratch;
  readonly beta: Float64Array;
  readonly betaPrev: Float64Array;
  readonly w: Float64Array;
  readonly xi: Float64Array;
  /** The written-out forward kernel's Σ m_t and running product of scales between chunks. */
  readonly forwardCarry: Float64Array;
  /** The written-out statistics kernel's six K-long running sums between chunks (see writeMoments). */
  readonly statsCarry: Float64Array;
}

/** Per-row scratch shared by the batch pass and the online `forwardStep`. */
export interface RowScratch {
  readonly logB: Float64Array;
  readonly pred: Float64Array;
  /** Log reference of the last row: ln p(x_t | past) = refLog + ln(scale). */
  refLog: number;
}

export const createRowScratch = (K: number): RowScratch => ({
  logB: new Float64Array(K),
  pred: new Float64Array(K),
  refLog: 0,
});

export function createWorkspace(T: number, K: number): HMMWorkspace {
  return {
    T,
    K,
    alpha: new Float64Array(T * K),
    b: new Float64Array(T * K),
    rowMax: new Float64Array(T),
    row: createRowScratch(K),
    beta: new Float64Array(K),
    betaPrev: new Float64Array(K),
    w: new Float64Array(K),
    xi: new Float64Array(K * K),
    forwardCarry: new Float64Array(2),
    statsCarry: new Float64Array(6 * K),
  };
}

/** Sufficient statistics of one E-step (hmmlearn's `post`, `start`, `trans`, `obs`, `obs**2` / `obs*obs.T`). */
export interface SufficientStats {
  readonly K: number;
  readonly D: number;
  /** true: obs2 holds K x D x D outer products (full, tied); false: K x D squares (diag, spherical). */
  readonly full: boolean;
  readonly post: Float64Array;
  readonly start: Float64Array;
  readonly trans: Float64Array;
  readonly obs: Float64Array;
  readonly obs2: Float64Array;
}

export function createStats(K: number, D: number, full: boolean): SufficientStats {
  return {
    K,
    D,
    full,
    post: new Float64Array(K),
    start: new Float64Array(K),
    trans: new Float64Array(K * K),
    obs: new Float64Array(K * D),
    obs2: new Float64Array(full ? K * D * D : K * D),
  };
}
