/** f(x) with its gradient written into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Correction pairs kept (m). */
  memory: number;
  maxIterations: number;
  /** Stop when the largest gradient component is below this. */
  gradientTolerance: number;
  /** Or when an iteration lowers f by less than this times max(1, |f|). */
  relativeTolerance: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** False when maxIterations ran out first. */
  converged: boolean;
}

export const DEFAULT_LBFGS_OPTIONS: LbfgsOptions = {
  memory: 10,
  maxIterations: 1000,
  gradientTolerance: 1e-6,
  relativeTolerance: 1e-12,
};

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

const maxAbs = (a: Float64Array): number => {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
};

/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithms 7.4 and 7.5) with a
 * backtracking Armijo line search. No randomness anywhere: the same objective and start give the same
 * iterates bit for bit, which is what lets a shipped model be checked by retraining it.
 */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const opts = { ...DEFAULT_LBFGS_OPTIONS, ...options };
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const pairs: Array<{ s: Float64Array; y: Float64Array; rho: number }> = [];
  for (let iteration = 0; iteration < opts.maxIterations; iteration++) {
    if (maxAbs(g) < opts.gradientTolerance) return { x, value: fx, iterations: iteration, converged: true };
    let d = direction(g, pairs);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information gone bad): restart from steepest descent.
      pairs.length = 0;
      d = direction(g, pairs);
      slope = dot(g, d);
    }
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 50; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) return { x, value: fx, iterations: iteration, converged: true };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      pairs.push({ s, y, rho: 1 / sy });
      if (pairs.length > opts.memory) pairs.shift();
    }
    const decrease = fx - fNew;
    x = xNew;
    g = gNew;
    fx = fNew;
    if (decrease <= opts.relativeTolerance * Math.max(1, Math.abs(fx)))
      return { x, value: fx, iterations: iteration + 1, converged: true };
  }
  return { x, value: fx, iterations: opts.maxIterations, converged: maxAbs(g) < opts.gradientTolerance };
}

/** -H g by the two-loop recursion; with no pairs yet, the steepest descent scaled to unit length. */
function direction(g: Float64Array, pairs: ReadonlyArray<{ s: Float64Array; y: Float64Array; rho: number }>) {
  const q = Float64Array.from(g);
  if (pairs.length === 0) {
    const norm = Math.sqrt(dot(g, g));
    for (let i = 0; i < q.length; i++) q[i] = -q[i]! / norm;
    return q;
  }
  const alpha = new Float64Array(pairs.length);
  for (let k = pairs.length - 1; k >= 0; k--) {
    const { s, y, rho } = pairs[k]!;
    alpha[k] = rho * dot(s, q);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! - alpha[k]! * y[i]!;
  }
  const last = pairs[pairs.length - 1]!;
  const gamma = 1 / (last.rho * dot(last.y, last.y));
  for (let i = 0; i < q.length; i++) q[i] = q[i]! * gamma;
  for (let k = 0; k < pairs.length; k++) {
    const { s, y, rho } = pairs[k]!;
    const beta = rho * dot(y, q);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! + (alpha[k]! - beta) * s[i]!;
  }
  for (let i = 0; i < q.length; i++) q[i] = -q[i]!;
  return q;
}
