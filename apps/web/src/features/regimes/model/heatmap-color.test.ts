import { describe, expect, it } from 'vitest';
import { heatmapCellStyle } from './heatmap-color';

const alpha = (value: number) => Number(/,([\d.]+)\)$/.exec(heatmapCellStyle(value).backgroundColor)?.[1]);

describe('heatmapCellStyle', () => {
  it('is white-transparent at 0 and full colour at 1', () => {
    expect(heatmapCellStyle(0).backgroundColor).toBe('rgba(2,132,199,0)');
    expect(heatmapCellStyle(1).backgroundColor).toBe('rgba(2,132,199,1)');
  });

  it('gets darker as the probability rises', () => {
    const values = [0.01, 0.05, 0.2, 0.5, 0.9, 0.99];
    const alphas = values.map(alpha);
    for (let i = 1; i < alphas.length; i++) {
      expect(alphas[i], `${values[i]} must be darker than ${values[i - 1]}`).toBeGreaterThan(alphas[i - 1]!);
    }
  });

  it('switches to white text on dark cells and keeps dark text on light ones', () => {
    expect(heatmapCellStyle(0.97).color).toBe('#ffffff');
    expect(heatmapCellStyle(0.02).color).toBe('#0f172a');
  });

  it('clamps out-of-range and non-finite values instead of producing invalid CSS', () => {
    expect(heatmapCellStyle(1.2).backgroundColor).toBe('rgba(2,132,199,1)');
    expect(heatmapCellStyle(-0.1).backgroundColor).toBe('rgba(2,132,199,0)');
    expect(heatmapCellStyle(Number.NaN).backgroundColor).toBe('rgba(2,132,199,0)');
  });
});
