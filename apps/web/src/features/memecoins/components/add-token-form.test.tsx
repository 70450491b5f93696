import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { memeToken } from '../testing/meme-fixtures';
import { renderWithQuery } from '../testing/render-with-query';
import { AddTokenForm } from './add-token-form';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

afterEach(cleanup);

const ADDRESS = `0x${'ab'.repeat(20)}`;
const type = (field: string, value: string) =>
  fireEvent.change(screen.getByTestId(`token-${field}`), { target: { value } });

describe('AddTokenForm', () => {
  it('stops a malformed address before sending and says what it should look like', () => {
    mock.request.mockReset();
    renderWithQuery(<AddTokenForm />);
    type('address', '0x123');
    type('symbol', 'PEPE');
    fireEvent.click(screen.getByTestId('add-token-submit'));
    expect(screen.getByTestId('token-address-problem').textContent).toBe(
      'Contract address must be an address as 0x followed by 40 hex digits.',
    );
    expect(screen.getByTestId('token-address').getAttribute('aria-invalid')).toBe('true');
    expect(mock.request, 'nothing is sent').not.toHaveBeenCalled();
  });

  it('sends the trimmed fields, blanks left out, and says the token is watched', async () => {
    mock.request.mockReset().mockResolvedValue(memeToken({ symbol: 'PEPE', address: ADDRESS }));
    renderWithQuery(<AddTokenForm />);
    type('address', ` ${ADDRESS} `);
    type('symbol', 'PEPE');
    type('searchQuery', '$PEPE OR pepecoin');
    fireEvent.click(screen.getByTestId('add-token-submit'));
    expect((await screen.findByTestId('add-token-done')).textContent).toMatch(/^Watching PEPE\./);
    expect(mock.request).toHaveBeenCalledWith('/memecoins/tokens', expect.anything(), {
      method: 'POST',
      body: { address: ADDRESS, symbol: 'PEPE', searchQuery: '$PEPE OR pepecoin' },
    });
    expect((screen.getByTestId('token-symbol') as HTMLInputElement).value, 'the form is cleared').toBe('');
  });

  it('puts the server field problems under their inputs', async () => {
    mock.request
      .mockReset()
      .mockRejectedValue(
        new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [
          { location: 'body', path: 'instrumentSymbol', message: 'Too big: expected string to have <=40 characters' },
        ]),
      );
    renderWithQuery(<AddTokenForm />);
    type('address', ADDRESS);
    type('symbol', 'PEPE');
    fireEvent.click(screen.getByTestId('add-token-submit'));
    expect((await screen.findByTestId('token-instrumentSymbol-problem')).textContent).toBe(
      'Price instrument must be at most 40 characters long.',
    );
    expect(screen.queryByTestId('add-token-error'), 'no second, general message').toBeNull();
  });

  it('shows any other refusal as a message', async () => {
    mock.request.mockReset().mockRejectedValue(new ApiError(409, 'MEME_TOKEN_EXISTS', 'PEPE is already watched'));
    renderWithQuery(<AddTokenForm />);
    type('address', ADDRESS);
    type('symbol', 'PEPE');
    fireEvent.click(screen.getByTestId('add-token-submit'));
    await waitFor(() => expect(screen.getByTestId('add-token-error').textContent).toBe('PEPE is already watched'));
  });
});
