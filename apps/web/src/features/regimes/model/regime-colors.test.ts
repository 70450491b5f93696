import { describe, expect, it } from 'vitest';
import { overWhite, regimeColors } from './regime-colors';

describe('regimeColors', () => {
  it('gives the calmest state green and the most volatile red, whatever their index', () => {
    const colors = regimeColors([
      { index: 0, volatility: 0.03 },
      { index: 1, volatility: 0.008 },
      { index: 2, volatility: 0.015 },
    ]);
    expect(colors[1], 'lowest volatility').toBe('#10b981');
    expect(colors[0], 'highest volatility').toBe('#e11d48');
    expect(new Set(colors).size, 'every state its own colour').toBe(3);
  });

  it('keeps index order when volatility is missing', () => {
    const colors = regimeColors([
      { index: 0, volatility: null },
      { index: 1, volatility: null },
    ]);
    expect(colors).toEqual(['#10b981', '#e11d48']);
  });
});

describe('overWhite', () => {
  it('blends the colour with white at the given opacity into an opaque #rrggbb', () => {
    expect(overWhite('#e11d48', 1)).toBe('#e11d48');
    expect(overWhite('#e11d48', 0)).toBe('#ffffff');
    // 225 * 0.5 + 127.5 = 240, 29 * 0.5 + 127.5 = 142, 72 * 0.5 + 127.5 = 163.5 -> 164
    expect(overWhite('#e11d48', 0.5)).toBe('#f08ea4');
  });
});
