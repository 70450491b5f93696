import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { createFakeAlertsApi, emailChannel, telegramChannel } from '../testing/fake-alerts-api';
import { renderWithQuery } from '../testing/render-with-query';
import { ChannelsSection } from './channels-section';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

let fake: ReturnType<typeof createFakeAlertsApi>;
function serve(initial: Parameters<typeof createFakeAlertsApi>[0] = {}) {
  fake = createFakeAlertsApi(initial);
  mock.request.mockImplementation(fake.request);
}

beforeEach(() => {
  mock.request.mockReset();
  serve();
});
afterEach(cleanup);

describe('ChannelsSection', () => {
  it('lists each channel with its kind and verified state, and offers a test only to verified ones', async () => {
    serve({ channels: [telegramChannel('ana'), emailChannel('ana@example.com', false)] });
    renderWithQuery(<ChannelsSection />);
    const rows = await screen.findAllByTestId('channel-row');
    expect(rows.map((r) => [r.dataset.kind, r.dataset.verified])).toEqual([
      ['telegram', 'true'],
      ['email', 'false'],
    ]);
    expect(within(rows[0]!).getByText('verified')).toBeTruthy();
    expect(within(rows[1]!).getByText('awaiting verification')).toBeTruthy();
    expect(within(rows[1]!).queryByRole('button', { name: /send a test/i }), 'unverified: nothing to test').toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Send a test to @ana' }));
    expect((await screen.findByTestId('channel-test-sent')).textContent).toMatch(/delivery #77/);
  });

  it('says there are no channels yet', async () => {
    renderWithQuery(<ChannelsSection />);
    expect(await screen.findByText('No channels yet')).toBeTruthy();
  });

  it('links Telegram: shows the code, the t.me link and a countdown, then the chat the bot linked', async () => {
    renderWithQuery(<ChannelsSection />);
    await screen.findByText('No channels yet');
    fireEvent.click(screen.getByRole('button', { name: 'Link Telegram' }));
    expect((await screen.findByTestId('telegram-link-code')).textContent).toBe('c0de-1234');
    expect(screen.getByTestId('telegram-link-url').getAttribute('href')).toBe(
      'https://t.me/marketlens_test_bot?start=c0de-1234',
    );
    expect(screen.getByTestId('telegram-link-countdown').textContent).toMatch(/^(10:00|9:5\d)$/);

    // The bot links the chat; the list is polled until it shows up.
    fake.state.channels.push(telegramChannel('ana'));
    const linked = await screen.findByTestId('telegram-linked', {}, { timeout: 5000 });
    expect(linked.textContent).toMatch(/Linked @ana/);
    expect(screen.getAllByTestId('channel-row')).toHaveLength(1);
  });

  it('says in words that Telegram is not configured', async () => {
    serve({ linkCodeError: new ApiError(400, 'TELEGRAM_NOT_CONFIGURED', 'Telegram is not configured on this server') });
    renderWithQuery(<ChannelsSection />);
    await screen.findByText('No channels yet');
    fireEvent.click(screen.getByRole('button', { name: 'Link Telegram' }));
    const error = await screen.findByTestId('telegram-link-error');
    expect(error.textContent).toMatch(/Telegram is not set up on this server.*MARKETLENS_TELEGRAM__BOT_TOKEN/);
  });

  it('shows a new webhook’s secret once, and not after Done', async () => {
    renderWithQuery(<ChannelsSection />);
    await screen.findByText('No channels yet');
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    fireEvent.change(screen.getByLabelText('Webhook URL'), { target: { value: 'https://hooks.example.com/ml' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    const secret = await screen.findByTestId('webhook-secret');
    expect(screen.getByTestId('webhook-secret-value').textContent).toBe('whsec-Zm9vYmFyYmF6');
    expect(secret.textContent).toMatch(/you will not see this again/);
    expect(fake.sent('POST', /^\/notifications\/channels$/)[0]?.body).toEqual({
      kind: 'webhook',
      url: 'https://hooks.example.com/ml',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('channel-row')).toHaveLength(1));
    expect(document.body.textContent, 'the secret is gone for good').not.toContain('whsec-Zm9vYmFyYmF6');
  });

  it('refuses a webhook URL that is not http(s) before asking the server', async () => {
    renderWithQuery(<ChannelsSection />);
    await screen.findByText('No channels yet');
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    fireEvent.change(screen.getByLabelText('Webhook URL'), { target: { value: 'ftp://files.example.com' } });
    fireEvent.click(screen.getByTestId('add-webhook-submit'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Webhook URL must be an http\(s\) URL/);
    expect(fake.sent('POST', /^\/notifications\/channels$/)).toHaveLength(0);
  });

  it('says a verification link was sent for a new email address', async () => {
    renderWithQuery(<ChannelsSection />);
    await screen.findByText('No channels yet');
    fireEvent.click(screen.getByRole('button', { name: 'Add email' }));
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'ana@example.com' } });
    fireEvent.click(screen.getByTestId('add-email-submit'));
    expect((await screen.findByTestId('email-sent')).textContent).toMatch(
      /We sent a verification link to ana@example\.com/,
    );
  });

  it('deletes a channel only after confirmation', async () => {
    serve({ channels: [emailChannel('ana@example.com', true)] });
    renderWithQuery(<ChannelsSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete channel ana@example.com' }));
    expect(fake.sent('DELETE', /channels/), 'nothing is deleted on the first click').toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await screen.findByText('No channels yet');
    expect(fake.sent('DELETE', /channels/)).toHaveLength(1);
  });
});
