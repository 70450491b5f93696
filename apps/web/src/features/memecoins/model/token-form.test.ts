import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { checkTokenForm, describeTokenFormError, EMPTY_TOKEN_FORM, tokenFormBody } from './token-form';

const ADDRESS = `0x${'ab'.repeat(20)}`;

describe('tokenFormBody', () => {
  it('trims the fields and leaves blank optional ones out for the server to default', () => {
    expect(tokenFormBody({ ...EMPTY_TOKEN_FORM, address: ` ${ADDRESS} `, symbol: 'PEPE ', name: '  ' })).toEqual({
      address: ADDRESS,
      symbol: 'PEPE',
    });
  });
});

describe('checkTokenForm', () => {
  it('accepts an address and a symbol', () => {
    expect(checkTokenForm({ ...EMPTY_TOKEN_FORM, address: ADDRESS, symbol: 'PEPE' })).toEqual({
      ok: true,
      body: { address: ADDRESS, symbol: 'PEPE' },
    });
  });

  it("names each bad field by its label with the contract's own words", () => {
    const checked = checkTokenForm({ ...EMPTY_TOKEN_FORM, address: '0x12', symbol: 'not a symbol!' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.address).toBe('Contract address must be an address as 0x followed by 40 hex digits.');
    expect(checked.problems.symbol).toMatch(/^Symbol must be a symbol of 1-20 letters/);
  });
});

describe('describeTokenFormError', () => {
  it('puts the fields of a VALIDATION_FAILED answer under their inputs', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body: symbol: ...', [
      { location: 'body', path: 'symbol', message: 'Too small: expected string to have >=1 characters' },
      { location: 'body', path: 'symbol', message: 'second problem of the same field' },
    ]);
    expect(describeTokenFormError(error)).toEqual({ fields: { symbol: 'Symbol is required.' }, message: null });
  });

  it('keeps the message of any other refusal', () => {
    const error = new ApiError(409, 'MEME_TOKEN_EXISTS', 'The token 0xabc is already watched');
    expect(describeTokenFormError(error)).toEqual({ fields: {}, message: 'The token 0xabc is already watched' });
  });
});
