import type { RiskFlag } from './risk-flag';

/**
 * The risk score, 0..100: 100 x (1 - prod(1 - weight)) over the flags, rounded to an integer. Each flag closes
 * its weight's fraction of the distance still left to 100, so the score only grows with more or stronger
 * flags, never passes 100, and does not depend on the order of the flags: one danger pump (0.6) gives 60,
 * a pump and a danger wash cycle (0.5) 80, a lone warning wash cycle 25. No flag: 0.
 */
export function riskScore(flags: readonly Pick<RiskFlag, 'weight'>[]): number {
  let clean = 1;
  for (const flag of flags) clean *= 1 - Math.min(1, Math.max(0, flag.weight));
  return Math.round(100 * (1 - clean));
}
