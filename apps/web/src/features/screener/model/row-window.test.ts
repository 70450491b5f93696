import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToReveal } from './row-window';

describe('rowWindow', () => {
  it('draws the rows in view and the overscan, and pads the rest', () => {
    expect(rowWindow(0, 280, 28, 5000, 5)).toEqual({ start: 0, end: 16, padTop: 0, padBottom: 4984 * 28 });
    const middle = rowWindow(28 * 1000, 280, 28, 5000, 5);
    expect(middle).toEqual({ start: 995, end: 1016, padTop: 995 * 28, padBottom: (5000 - 1016) * 28 });
  });

  it('stops at the last row and copes with an empty list', () => {
    expect(rowWindow(28 * 4995, 280, 28, 5000, 5)).toMatchObject({ start: 4990, end: 5000, padBottom: 0 });
    expect(rowWindow(0, 280, 28, 0, 5)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up or down just enough, below the sticky header', () => {
    expect(scrollToReveal(2, 100, 300, 28, 32), 'above the view').toBe(56);
    expect(scrollToReveal(20, 0, 300, 28, 32), 'below the view').toBe(21 * 28 - 268);
    expect(scrollToReveal(3, 0, 300, 28, 32), 'in view').toBeNull();
  });
});
