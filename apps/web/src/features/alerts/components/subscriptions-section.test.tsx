import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceChoices } from '../model/subscription-source';
import { createFakeAlertsApi, emailChannel, telegramChannel } from '../testing/fake-alerts-api';
import { renderWithQuery } from '../testing/render-with-query';
import { SubscriptionsSection } from './subscriptions-section';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

const STRATEGY = 'aaf5f2fe-29e0-48e2-a23e-2d8c011b1438';
const choices: SourceChoices = {
  strategies: [{ id: STRATEGY, name: 'ema-cross' }],
  symbols: ['BTC-USD', 'SYN-EQ'],
  rules: [],
};

let fake: ReturnType<typeof createFakeAlertsApi>;
const telegram = telegramChannel('ana');
beforeEach(() => {
  fake = createFakeAlertsApi({ channels: [telegram, emailChannel('ana@example.com', false)] });
  mock.request.mockReset().mockImplementation(fake.request);
});
afterEach(cleanup);

describe('SubscriptionsSection', () => {
  it('offers verified channels only and subscribes one to a strategy', async () => {
    renderWithQuery(<SubscriptionsSection choices={choices} />);
    const channel = (await screen.findByLabelText('Channel')) as HTMLSelectElement;
    expect(
      [...channel.options].map((o) => o.textContent),
      'the unverified address is not offered',
    ).toEqual(['Telegram: @ana']);
    expect(screen.getByText('No subscriptions yet')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'silent' } });
    fireEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    await screen.findByTestId('subscription-row');
    expect(fake.sent('POST', /subscriptions$/)[0]?.body).toEqual({
      channelId: telegram.id,
      source: 'strategy',
      ref: STRATEGY,
      level: 'silent',
      mode: 'immediate',
    });
    expect(screen.getByTestId('subscription-row').textContent).toMatch(/Strategy signals: ema-cross/);
  });

  it('picks a symbol when the source is a symbol, and says when a source has nothing to pick', async () => {
    renderWithQuery(<SubscriptionsSection choices={choices} />);
    fireEvent.change(await screen.findByLabelText('Source'), { target: { value: 'symbol' } });
    expect((screen.getByLabelText('Symbol') as HTMLSelectElement).value).toBe('BTC-USD');
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'alert_rule' } });
    expect(screen.getByLabelText('Alert rule').textContent).toBe('No alert rules yet');
    expect((screen.getByRole('button', { name: 'Subscribe' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('changes a subscription’s level in place', async () => {
    fake.state.subscriptions.push({
      id: '0b6a1f6e-5d43-4c3e-9a55-7a1c2b3d4e5f',
      channel: { id: telegram.id, kind: 'telegram', label: '@ana' },
      source: 'symbol',
      ref: 'BTC-USD',
      level: 'on',
      mode: 'immediate',
      createdAt: '2026-01-02T09:00:00.000Z',
    });
    renderWithQuery(<SubscriptionsSection choices={choices} />);
    const level = await screen.findByRole('combobox', { name: 'Level of Symbol signals: BTC-USD on Telegram: @ana' });
    fireEvent.change(level, { target: { value: 'off' } });
    await waitFor(() => expect(screen.getByTestId('subscription-row').dataset.level).toBe('off'));
    expect(fake.sent('PATCH', /subscriptions\//)[0]?.body).toEqual({ level: 'off' });
  });
});
