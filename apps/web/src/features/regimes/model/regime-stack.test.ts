import { describe, expect, it } from 'vitest';
import { stackProbabilities } from './regime-stack';

describe('stackProbabilities', () => {
  it('gives line k the sum of states 0..k, row by row, so the top line is 1', () => {
    const lines = stackProbabilities(
      [
        [0.2, 0.5, 0.3],
        [1, 0, 0],
      ],
      3,
    );
    expect(lines[0]).toEqual([0.2, 1]);
    expect(lines[1]![0]).toBeCloseTo(0.7, 12);
    expect(lines[1]![1]).toBe(1);
    expect(lines[2]![0]).toBeCloseTo(1, 12);
    expect(lines[2]![1]).toBe(1);
  });

  it('reads a missing probability as 0', () => {
    expect(stackProbabilities([[0.4]], 2)).toEqual([[0.4], [0.4]]);
  });
});
