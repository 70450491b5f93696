import { describe, expect, it } from 'vitest';
import { expectedDurations, pathOccupancy, stationaryDistribution } from './markov-chain-stats';

describe('stationaryDistribution', () => {
  it('solves a 2x2 chain: [[0.9,0.1],[0.2,0.8]] -> (2/3, 1/3)', () => {
    const pi = stationaryDistribution(Float64Array.from([0.9, 0.1, 0.2, 0.8]), 2);
    expect(pi[0]).toBeCloseTo(2 / 3, 15);
    expect(pi[1]).toBeCloseTo(1 / 3, 15);
  });

  it('solves the reference 3x3 chain: balance equations give (0.625, 0.25, 0.125)', () => {
    // pi1 = 0.2 pi0 + pi2 (state 1 balance), 0.075 pi2 = 0.015 pi0 (state 2), so pi = pi0 (1, 0.4, 0.2).
    const A = Float64Array.from([0.98, 0.01, 0.01, 0.025, 0.95, 0.025, 0.05, 0.05, 0.9]);
    const pi = stationaryDistribution(A, 3);
    [0.625, 0.25, 0.125].forEach((v, k) => expect(pi[k]).toBeCloseTo(v, 14));
    // and it is stationary: pi A = pi
    for (let j = 0; j < 3; j++)
      expect(pi[0]! * A[j]! + pi[1]! * A[3 + j]! + pi[2]! * A[6 + j]!).toBeCloseTo(pi[j]!, 15);
  });

  it('puts all mass on an absorbing state that every state reaches', () => {
    const pi = stationaryDistribution(Float64Array.from([0.5, 0.5, 0, 1]), 2);
    expect(Array.from(pi)).toEqual([0, 1]);
  });

  it('falls back to the long-run average from a uniform start when the chain has two closed classes', () => {
    const pi = stationaryDistribution(Float64Array.from([1, 0, 0, 1]), 2);
    expect(pi[0]).toBeCloseTo(0.5, 12);
    expect(pi[1]).toBeCloseTo(0.5, 12);
  });
});

describe('expectedDurations and pathOccupancy', () => {
  it('gives 1 / (1 - A_kk) and Infinity for an absorbing state', () => {
    expect(Array.from(expectedDurations(Float64Array.from([0.9, 0.1, 0, 1]), 2))).toEqual([1 / (1 - 0.9), Infinity]);
  });

  it('counts share of time and average run length along a path', () => {
    const { share, averageRunLength } = pathOccupancy([0, 0, 1, 1, 1, 0, 2, 2], 4);
    expect(Array.from(share)).toEqual([3 / 8, 3 / 8, 2 / 8, 0]);
    expect(Array.from(averageRunLength)).toEqual([1.5, 3, 2, 0]);
    expect(() => pathOccupancy([0, 5], 3)).toThrow('path[1]: state 5 is not in 0..2');
  });
});
