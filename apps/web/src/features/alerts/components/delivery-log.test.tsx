import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeAlertsApi, delivery, telegramChannel } from '../testing/fake-alerts-api';
import { renderWithQuery } from '../testing/render-with-query';
import { DeliveryLog } from './delivery-log';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

let fake: ReturnType<typeof createFakeAlertsApi>;
beforeEach(() => {
  const chat = telegramChannel('ana');
  fake = createFakeAlertsApi({ deliveries: [delivery(2, 'dead', chat), delivery(1, 'sent', chat)] });
  mock.request.mockReset().mockImplementation(fake.request);
});
afterEach(cleanup);

describe('DeliveryLog', () => {
  it('lists each delivery with its status, attempts and last error', async () => {
    renderWithQuery(<DeliveryLog canRetry={false} />);
    const rows = await screen.findAllByTestId('delivery-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['dead', 'sent']);
    expect(rows[0]!.textContent).toMatch(/Telegram @ana.*signal.*#2.*dead.*8.*bot was blocked/);
    expect(screen.queryByRole('button', { name: /retry/i }), 'only admins retry').toBeNull();
  });

  it('filters by status on the server', async () => {
    renderWithQuery(<DeliveryLog canRetry={false} />);
    await screen.findAllByTestId('delivery-row');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'sent' } });
    await waitFor(() => expect(screen.getAllByTestId('delivery-row').map((r) => r.dataset.status)).toEqual(['sent']));
    expect(fake.sent('GET', /deliveries$/).at(-1)?.query).toMatchObject({ status: 'sent' });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'pending' } });
    expect(await screen.findByText('No pending deliveries')).toBeTruthy();
  });

  it('lets an admin retry a dead delivery', async () => {
    renderWithQuery(<DeliveryLog canRetry />);
    const [dead, sent] = await screen.findAllByTestId('delivery-row');
    expect(within(sent!).queryByRole('button'), 'a sent delivery has nothing to retry').toBeNull();
    fireEvent.click(within(dead!).getByRole('button', { name: 'Retry delivery 2' }));
    await waitFor(() => expect(fake.sent('POST', /retry$/)).toHaveLength(1));
    await waitFor(() => expect(screen.getAllByTestId('delivery-row')[0]!.dataset.status).toBe('pending'));
  });
});
