import type { AlertRule } from '@marketlens/contracts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeAlertsApi } from '../testing/fake-alerts-api';
import { renderWithQuery } from '../testing/render-with-query';
import { AlertRuleList } from './alert-rule-list';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

const rule: AlertRule = {
  id: '57df67e9-9ba7-44ba-84d3-0fbcf869a774',
  name: 'Bull odds',
  kind: 'regime_change',
  symbol: 'SYN-EQ',
  timeframe: '1d',
  params: { regime: 'bull', minProbability: 0.6 },
  description: 'P(bull) rises to 0.6',
  enabled: true,
  cooldownMinutes: 1440,
  lastTriggeredAt: '2026-01-02T00:00:00.000Z',
  lastError: 'no tracked regime fit for SYN-EQ',
  createdAt: '2026-01-01T00:00:00.000Z',
};

let fake: ReturnType<typeof createFakeAlertsApi>;
beforeEach(() => {
  fake = createFakeAlertsApi({ rules: [{ ...rule }] });
  mock.request.mockReset().mockImplementation(fake.request);
});
afterEach(cleanup);

describe('AlertRuleList', () => {
  it('shows the condition in words, when it last fired and why it last failed', () => {
    renderWithQuery(<AlertRuleList rules={[rule]} onEdit={() => {}} />);
    expect(screen.getByTestId('rule-description').textContent).toBe(
      'Regime becomes likely P(bull) rises to 0.6, at most once per 1440 min',
    );
    expect(screen.getByText(/^last triggered /)).toBeTruthy();
    expect(screen.getByTestId('rule-last-error').textContent).toMatch(/no tracked regime fit for SYN-EQ/);
  });

  it('switches a rule off and hands it to the editor', async () => {
    const onEdit = vi.fn();
    renderWithQuery(<AlertRuleList rules={[rule]} onEdit={onEdit} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Enabled: Bull odds' }));
    await waitFor(() => expect(fake.sent('PATCH', /^\/alerts\/rules\//)).toHaveLength(1));
    expect(fake.sent('PATCH', /^\/alerts\/rules\//)[0]?.body).toEqual({ enabled: false });
    fireEvent.click(screen.getByRole('button', { name: 'Edit Bull odds' }));
    expect(onEdit).toHaveBeenCalledWith(rule);
  });
});
