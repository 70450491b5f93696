import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlagMarker } from '../model/flag-markers';
import { ASSESSMENT_ID } from '../testing/meme-fixtures';
import { FlagLane } from './flag-lane';

afterEach(cleanup);

const marker = (code: FlagMarker['code'], t: number): FlagMarker => ({
  key: `${code}@${t}`,
  t,
  code,
  level: 'danger',
  message: `${code} message`,
  assessmentId: ASSESSMENT_ID,
  assessments: 1,
});

describe('FlagLane', () => {
  const markers = [marker('PUMP_PATTERN', 1), marker('SENTIMENT_SPIKE', 2), marker('WASH_CYCLE', 3)];
  const positions = new Map<string, number | null>([
    ['PUMP_PATTERN@1', 100],
    ['SENTIMENT_SPIKE@2', 105],
    ['WASH_CYCLE@3', 900],
  ]);

  it('draws each marker at its x and stacks two too close to share a row', () => {
    render(<FlagLane markers={markers} positions={positions} plotWidth={1000} selected={null} onSelect={() => {}} />);
    const [pump, spike] = screen.getAllByTestId('flag-marker');
    expect(pump!.style.left).toBe('91px');
    expect(pump!.style.bottom).not.toBe(spike!.style.bottom);
  });

  it('hides a marker scrolled past the plot and selects one on click', () => {
    const onSelect = vi.fn();
    render(
      <FlagLane
        markers={markers}
        positions={positions}
        plotWidth={500}
        selected="PUMP_PATTERN@1"
        onSelect={onSelect}
      />,
    );
    const drawn = screen.getAllByTestId('flag-marker');
    expect(drawn.map((m) => m.getAttribute('data-code'))).toEqual(['PUMP_PATTERN', 'SENTIMENT_SPIKE']);
    expect(drawn[0]!.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(drawn[1]!);
    expect(onSelect).toHaveBeenCalledWith(markers[1]);
  });
});
