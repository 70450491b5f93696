import type { RegimeState } from '@marketlens/contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TransitionHeatmap } from './transition-heatmap';

afterEach(cleanup);

const states = ['bull / low vol', 'bear / high vol'].map((name, index) => ({ index, name }) as unknown as RegimeState);

describe('TransitionHeatmap', () => {
  it('renders a K x K table with each cell coloured by its probability', () => {
    render(
      <TransitionHeatmap
        transmat={[
          [0.98, 0.02],
          [0.1, 0.9],
        ]}
        states={states}
        colors={['#10b981', '#e11d48']}
      />,
    );
    const table = screen.getByTestId('regime-transmat');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(table.querySelectorAll('tbody td')).toHaveLength(4);
    const sticky = screen.getByTestId('regime-transmat-cell-0-0');
    const rare = screen.getByTestId('regime-transmat-cell-0-1');
    expect(sticky.textContent).toBe('0.98');
    expect(sticky.style.color, 'dark cell gets white text').toBe('rgb(255, 255, 255)');
    expect(rare.style.color).toBe('rgb(15, 23, 42)');
    expect(sticky.style.backgroundColor).not.toBe(rare.style.backgroundColor);
  });
});
