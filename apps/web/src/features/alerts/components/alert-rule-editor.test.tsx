import type { AlertRule } from '@marketlens/contracts';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeAlertsApi, KINDS } from '../testing/fake-alerts-api';
import { renderWithQuery } from '../testing/render-with-query';
import { AlertRuleEditor } from './alert-rule-editor';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

let fake: ReturnType<typeof createFakeAlertsApi>;
beforeEach(() => {
  fake = createFakeAlertsApi();
  mock.request.mockReset().mockImplementation(fake.request);
});
afterEach(cleanup);

const instruments = [
  {
    symbol: 'BTC-USD',
    timeframes: [{ timeframe: '1h' as const, bars: 10, first: '2026-01-01T00:00:00Z', last: '2026-01-02T00:00:00Z' }],
  },
  { symbol: 'SYN-EQ', timeframes: [] },
];

function renderEditor(editing: AlertRule | null = null, onDone = () => {}) {
  renderWithQuery(<AlertRuleEditor kinds={KINDS} instruments={instruments} editing={editing} onDone={onDone} />);
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('AlertRuleEditor', () => {
  it('renders the chosen kind’s params from its JSON Schema', () => {
    renderEditor();
    expect(screen.getByLabelText('Price level')).toBeTruthy();
    expect((screen.getByLabelText('Direction') as HTMLSelectElement).value, 'the default').toBe('either');
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'price_move' } });
    expect(screen.queryByLabelText('Price level')).toBeNull();
    expect(screen.getByLabelText('Move (%)')).toBeTruthy();
    expect(screen.getByLabelText('Window (bars)')).toBeTruthy();
    expect(screen.getByText(/in percent: 5 means 5%/)).toBeTruthy();
  });

  it('offers the timeframes stored for the symbol', () => {
    renderEditor();
    const timeframe = screen.getByLabelText('Timeframe') as HTMLSelectElement;
    expect([...timeframe.options].map((o) => o.value)).toEqual(['1h']);
    type('Symbol', 'SYN-EQ');
    expect(
      [...timeframe.options].map((o) => o.value),
      'nothing stored yet: every timeframe',
    ).toContain('1d');
  });

  it('creates a rule with a percent typed and a fraction sent', async () => {
    renderEditor();
    type('Name', 'BTC jumps');
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'price_move' } });
    type('Move (%)', '5');
    type('Window (bars)', '3');
    type('Cooldown (minutes)', '60');
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    expect((await screen.findByTestId('rule-created')).textContent).toMatch(/Created “BTC jumps”/);
    expect(fake.sent('POST', /^\/alerts\/rules$/)[0]?.body).toEqual({
      name: 'BTC jumps',
      kind: 'price_move',
      symbol: 'BTC-USD',
      timeframe: '1h',
      params: { pct: 0.05, windowBars: 3, direction: 'either' },
      cooldownMinutes: 60,
      enabled: true,
    });
  });

  it('lists what to fix and sends nothing', () => {
    renderEditor();
    type('Price level', '-3');
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    const problems = screen.getByTestId('rule-problems');
    expect(problems.textContent).toMatch(/Name is required\./);
    expect(problems.textContent).toMatch(/Price level must be more than 0\./);
    expect(fake.calls).toHaveLength(0);
  });

  it('changes a saved rule’s params, shown in percent, and keeps its kind and symbol', async () => {
    const rule: AlertRule = {
      id: '57df67e9-9ba7-44ba-84d3-0fbcf869a774',
      name: 'Dip',
      kind: 'price_move',
      symbol: 'BTC-USD',
      timeframe: '1h',
      params: { pct: 0.07, windowBars: 5, direction: 'down' },
      description: 'moves down 7% within 5 bars',
      enabled: true,
      cooldownMinutes: 0,
      lastTriggeredAt: null,
      lastError: null,
      createdAt: '2026-01-02T09:00:00.000Z',
    };
    fake.state.rules.push(rule);
    const onDone = vi.fn();
    renderEditor(rule, onDone);
    expect((screen.getByLabelText('Move (%)') as HTMLInputElement).value).toBe('7');
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).disabled).toBe(true);
    type('Move (%)', '10');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(fake.sent('PATCH', /^\/alerts\/rules\//)[0]?.body).toEqual({
      name: 'Dip',
      params: { pct: 0.1, windowBars: 5, direction: 'down' },
      cooldownMinutes: 0,
    });
  });
});
