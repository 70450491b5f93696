import { describe, expect, it } from 'vitest';
import { checkUniverseImport, DEFAULT_UNIVERSE_RULES, type UniverseImportFields } from './check-universe-import';

const file = new File(['Symbol,Name\nACME,Acme\n'], 'companylist.csv', { type: 'text/csv' });
const blank: UniverseImportFields = {
  file,
  name: '',
  minMarketCap: '',
  maxMarketCap: '',
  minPrice: '',
  excludeEtfs: true,
};

describe('checkUniverseImport', () => {
  it('leaves blank rules and name out of the query, so the server applies its defaults', () => {
    expect(checkUniverseImport(blank)).toEqual({ ok: true, file, query: { excludeEtfs: 'true' } });
    expect(DEFAULT_UNIVERSE_RULES, 'the contract defaults the hints show').toEqual({
      minMarketCap: 3e8,
      maxMarketCap: 2e9,
      minPrice: 1,
      excludeEtfs: true,
    });
  });

  it('sends the name trimmed and the amounts as numbers', () => {
    const checked = checkUniverseImport({
      ...blank,
      name: '  Small caps  ',
      minMarketCap: '50M',
      maxMarketCap: '$10B',
      minPrice: '0.5',
      excludeEtfs: false,
    });
    expect(checked).toEqual({
      ok: true,
      file,
      query: { name: 'Small caps', minMarketCap: 5e7, maxMarketCap: 1e10, minPrice: 0.5, excludeEtfs: 'false' },
    });
  });

  it('asks for a file before anything else', () => {
    expect(checkUniverseImport({ ...blank, file: null, minPrice: 'x' })).toEqual({
      ok: false,
      field: 'file',
      message: 'Choose a listing file (CSV) to import.',
    });
  });

  it('names the field of an amount it cannot read', () => {
    expect(checkUniverseImport({ ...blank, maxMarketCap: 'two billion' })).toEqual({
      ok: false,
      field: 'maxMarketCap',
      message: 'Max market cap must be an amount such as 300M, 2B or 1500000.',
    });
  });

  it('refuses a minimum above the maximum, counting a blank one as the default', () => {
    const above = checkUniverseImport({ ...blank, minMarketCap: '3B' });
    expect(above, 'the default maximum is 2B').toMatchObject({ ok: false, field: 'minMarketCap' });
    const below = checkUniverseImport({ ...blank, maxMarketCap: '100M' });
    expect(below, 'the default minimum is 300M').toMatchObject({
      ok: false,
      field: 'maxMarketCap',
      message: 'Min market cap must not exceed max market cap.',
    });
  });

  it('refuses a name longer than the server stores', () => {
    expect(checkUniverseImport({ ...blank, name: 'x'.repeat(121) })).toEqual({
      ok: false,
      field: 'name',
      message: 'Name must be at most 120 characters long.',
    });
  });
});
