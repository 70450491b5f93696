import { describe, expect, it } from 'vitest';
import { defaultRegimeFormValues, toggleFeature, validateRegimeForm } from './regime-options';

describe('defaultRegimeFormValues', () => {
  it('starts from the contract defaults: logret + vol20, 3 states, diag, 5 restarts, seed 0', () => {
    const values = defaultRegimeFormValues('SYN-EQ');
    expect(values).toMatchObject({
      source: 'instrument',
      symbol: 'SYN-EQ',
      timeframe: '1d',
      features: ['logret', 'vol20'],
      states: 3,
      covarianceType: 'diag',
      restarts: '5',
      seed: '0',
      from: '',
      to: '',
    });
  });
});

describe('toggleFeature', () => {
  it('keeps the contract order whatever order features were clicked in', () => {
    expect(toggleFeature(['vol20'], 'logret')).toEqual(['logret', 'vol20']);
    expect(toggleFeature(['logret', 'vol20'], 'logret')).toEqual(['vol20']);
  });
});

describe('validateRegimeForm', () => {
  it('builds the JSON request with whole-day UTC bounds', () => {
    const result = validateRegimeForm({
      ...defaultRegimeFormValues('SYN-EQ'),
      states: 3,
      from: '2020-01-01',
      to: '2020-12-31',
    });
    expect(result).toEqual({
      ok: true,
      run: {
        kind: 'bars',
        request: expect.objectContaining({
          symbol: 'SYN-EQ',
          states: 3,
          features: ['logret', 'vol20'],
          from: '2020-01-01T00:00:00.000Z',
          to: '2020-12-31T23:59:59.999Z',
        }),
      },
    });
  });

  it('names every field that is wrong', () => {
    const result = validateRegimeForm({
      ...defaultRegimeFormValues(''),
      features: [],
      restarts: '0',
      seed: '-1',
      from: '2021-01-01',
      to: '2020-01-01',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        symbol: 'Choose an instrument.',
        features: 'Choose at least one feature.',
        restarts: 'Restarts must be a whole number from 1 to 50.',
        seed: 'Seed must be a whole number, 0 or more.',
        to: 'To must be on or after From.',
      },
    });
  });

  it("names the field the contract objects to in words, not in the validator's", () => {
    const result = validateRegimeForm({ ...defaultRegimeFormValues('A'.repeat(33)) });
    expect(result.ok ? null : result.errors.symbol).toBe('Symbol must be at most 32 characters long.');
  });

  it('caps the features at six', () => {
    const result = validateRegimeForm({
      ...defaultRegimeFormValues('X'),
      features: ['logret', 'absret', 'vol5', 'vol10', 'vol20', 'vol60', 'range'],
    });
    expect(result.ok ? null : result.errors.features).toBe('Choose at most 6 features.');
  });

  it('turns a CSV run into the upload query strings', () => {
    const file = new File(['date,close\n'], 'spx.csv', { type: 'text/csv' });
    const result = validateRegimeForm({
      ...defaultRegimeFormValues(''),
      source: 'csv',
      file,
      uploadSymbol: 'SPX',
      states: 4,
    });
    expect(result).toEqual({
      ok: true,
      run: {
        kind: 'csv',
        file,
        query: {
          symbol: 'SPX',
          column: 'close',
          features: 'logret,vol20',
          states: '4',
          covarianceType: 'diag',
          restarts: 5,
          seed: 0,
        },
      },
    });
  });

  it('asks for a file in CSV mode', () => {
    const result = validateRegimeForm({ ...defaultRegimeFormValues(''), source: 'csv' });
    expect(result.ok ? null : result.errors.file).toBe('Choose a CSV file.');
  });
});
