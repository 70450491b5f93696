import type { Signal } from '@marketlens/contracts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SignalFeed } from './signal-feed';

afterEach(cleanup);

const signal: Signal = {
  id: '57df67e9-9ba7-44ba-84d3-0fbcf869a774',
  strategyId: 'aaf5f2fe-29e0-48e2-a23e-2d8c011b1438',
  version: 1,
  symbol: 'REPLAY1',
  timeframe: '1d',
  barTs: '2024-06-17T00:00:00.000Z',
  action: 'exit_long',
  reason: 'exit',
  price: 111.11,
  evidence: {
    rule: 'crosses_below(ema(close, 5), sma(close, 20))',
    filters: {},
    indicators: { 'ema(close, 5)': 113.426114376656, 'sma(close, 20)': 113.66000000000001 },
  },
  lagMs: null,
  createdAt: '2026-12-04T06:06:43.085Z',
};

describe('SignalFeed', () => {
  it('shows each signal in one line and its evidence on a click', () => {
    render(<SignalFeed signals={[signal]} fresh={new Set([signal.id])} strategyName={() => 'ema-cross'} />);
    const item = screen.getByTestId('signal-item');
    expect(item.textContent).toMatch(/Exit long.*REPLAY1.*ema-cross.*new.*111\.11.*bar 2024-06-17/);
    expect(screen.queryByTestId('signal-evidence')).toBeNull();
    fireEvent.click(within(item).getByRole('button'));
    const evidence = screen.getByTestId('signal-evidence');
    expect(within(evidence).getByTestId('signal-evidence-rule').textContent).toBe(signal.evidence.rule);
    expect(
      within(evidence)
        .getAllByTestId('signal-evidence-indicator')
        .map((e) => e.textContent),
    ).toEqual(['ema(close, 5)113.426', 'sma(close, 20)113.66']);
    fireEvent.click(within(item).getByRole('button'));
    expect(screen.queryByTestId('signal-evidence'), 'a second click folds it').toBeNull();
  });

  it('says that signals will appear without a reload when there are none', () => {
    render(<SignalFeed signals={[]} fresh={new Set()} strategyName={() => ''} />);
    expect(screen.getByTestId('signal-feed').getAttribute('data-count')).toBe('0');
    expect(screen.getByTestId('signal-feed').textContent).toMatch(/does not need a reload/);
  });
});
