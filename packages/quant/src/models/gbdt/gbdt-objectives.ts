// Loss functions of the boosting loop: gradients and hessians of the loss with respect to the raw score.
import { gbdtInputError } from './gbdt.error';
import type { GbdtObjective } from './gbdt-params';

export interface Objective {
  /** Throws ForecasterInputError naming the first bad target, e.g. `y[5]`. */
  checkTargets(y: Float64Array): void;
  /** The constant raw score the trees start from. */
  baseScore(y: Float64Array): number;
  gradients(y: Float64Array, raw: Float64Array, grad: Float64Array, hess: Float64Array): void;
  /** Mean loss of the raw scores. */
  loss(y: Float64Array, raw: Float64Array): number;
  /** Raw score -> prediction (identity for l2, P(up) for logistic). */
  transform(raw: number): number;
}

const mean = (y: Float64Array): number => y.reduce((s, v) => s + v, 0) / y.length;
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
// Keeps the base log-odds finite when every training label is the same.
const PROBABILITY_FLOOR = 1e-6;
// A floor on p(1 - p) so a confidently right node still has a usable Newton step.
const HESSIAN_FLOOR = 1e-16;

const l2: Objective = {
  checkTargets(y) {
    y.forEach((v, i) => {
      if (!Number.isFinite(v)) throw gbdtInputError(`y[${i}]`, `must be finite, got ${v}`);
    });
  },
  baseScore: mean,
  gradients(y, raw, grad, hess) {
    for (let i = 0; i < y.length; i++) {
      grad[i] = raw[i]! - y[i]!;
      hess[i] = 1;
    }
  },
  loss(y, raw) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (raw[i]! - y[i]!) ** 2;
    return s / y.length;
  },
  transform: (raw) => raw,
};

const logistic: Objective = {
  checkTargets(y) {
    y.forEach((v, i) => {
      if (!(v >= 0 && v <= 1)) throw gbdtInputError(`y[${i}]`, `must be a label in [0, 1] (1 = up), got ${v}`);
    });
  },
  baseScore(y) {
    const p = Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, mean(y)));
    return Math.log(p / (1 - p));
  },
  gradients(y, raw, grad, hess) {
    for (let i = 0; i < y.length; i++) {
      const p = sigmoid(raw[i]!);
      grad[i] = p - y[i]!;
      hess[i] = Math.max(p * (1 - p), HESSIAN_FLOOR);
    }
  },
  loss(y, raw) {
    // log(1 + e^x) - y x, written so large |x| neither overflows nor loses the small term.
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const x = raw[i]!;
      s += Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))) - y[i]! * x;
    }
    return s / y.length;
  },
  transform: sigmoid,
};

export const OBJECTIVES: Record<GbdtObjective, Objective> = { l2, logistic };
