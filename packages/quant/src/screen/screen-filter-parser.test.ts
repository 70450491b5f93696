import { describe, expect, it } from 'vitest';
import { formatScreenFilter } from './screen-filter-ast';
import { ScreenFilterError } from './screen-filter.error';
import { parseScreenFilter } from './screen-filter-parser';
import { SCREEN_FIELDS } from './screen-fields';
import { parseScreenSort } from './screen-sort';
import { SCREEN_PRESETS, SCREEN_VIEWS } from './screen-views';

const show = (text: string): string => formatScreenFilter(parseScreenFilter(text));

function errorOf(run: () => unknown): ScreenFilterError {
  try {
    run();
  } catch (err) {
    if (err instanceof ScreenFilterError) return err;
    throw err;
  }
  throw new Error('parsed, but a ScreenFilterError was expected');
}
const filterError = (text: string) => errorOf(() => parseScreenFilter(text));

describe('parseScreenFilter', () => {
  it('parses the issue example', () => {
    expect(show('marketCap between 3e8 and 2e9 and ret3m > 0.15 and sector in ("Technology", "Health Care")')).toBe(
      '((marketCap between 300000000 and 2000000000 and ret3m > 0.15) and sector in ("Technology", "Health Care"))',
    );
  });

  it('binds and tighter than or, not tighter than and; brackets group', () => {
    expect(show('ret1w > 0 or ret1m > 0 and ret3m > 0')).toBe('(ret1w > 0 or (ret1m > 0 and ret3m > 0))');
    expect(show('not ret1w > 0 and ret1m > 0')).toBe('((not ret1w > 0) and ret1m > 0)');
    expect(show('(ret1w > 0 or ret1m > 0) and not (ret3m > 0 or rsi14 < 30)')).toBe(
      '((ret1w > 0 or ret1m > 0) and (not (ret3m > 0 or rsi14 < 30)))',
    );
  });

  it('reads keywords in any case, every operator, signs, exponents and the % suffix', () => {
    expect(show('ret3m >= -5% AND rsi14 <= 70 Or relVol != 1 aNd price = 2.5e1 and ret1w == .5 and ret1m < 1E-2')).toBe(
      '((ret3m >= -0.05 and rsi14 <= 70) or (((relVol != 1 and price = 25) and ret1w = 0.5) and ret1m < 0.01))',
    );
    const pct = parseScreenFilter('ret3m > 15%');
    expect(pct.type === 'compare' && pct.value, '15% is the same double as 0.15').toBe(0.15);
    expect(show('ret3m NOT BETWEEN 10% and 20%')).toBe('ret3m not between 0.1 and 0.2');
  });

  it('reads text tests: = and != as one-value in lists, not in, is (not) null, escaped quotes', () => {
    expect(show('sector = "Technology" and industry != "Banks"')).toBe(
      '(sector in ("Technology") and industry not in ("Banks"))',
    );
    expect(show('exchange not in ("NYSE","AMEX") or regime is null or ret3m is not null')).toBe(
      '((exchange not in ("NYSE", "AMEX") or regime is null) or ret3m is not null)',
    );
    expect(show('name = "say \\"hi\\""')).toBe('name in ("say \\"hi\\"")');
    const round = 'sector in ("A \\\\ B")';
    expect(show(show(round)), 'formatting parses back to the same tree').toBe(show(round));
  });

  it('takes an empty or blank filter as every row', () => {
    expect(parseScreenFilter('')).toEqual({ type: 'all' });
    expect(parseScreenFilter('  \n ')).toEqual({ type: 'all' });
  });

  it('names the position and what was expected, in the message too', () => {
    const e = filterError('ret3m > 0.15 and >');
    expect(e.position).toBe(17);
    expect(e.expected).toBe('a field name, "not" or "("');
    expect(e.message).toBe('at 17: expected a field name, "not" or "(", found ">"');
    const missing = filterError('rsi14 > 30 and ret1m > and');
    expect(missing.message).toBe('at 23: expected a number after ">", found "and"');
    expect(filterError('ret3m > 0.1 ret6m > 0').message).toBe(
      'at 12: expected "and", "or" or the end of the filter, found "ret6m"',
    );
    expect(filterError('(ret3m > 0').message).toBe('at 10: expected ")", "and" or "or", found the end of the filter');
    expect(filterError('sector = "Tech').message).toBe(
      'at 14: expected a closing double quote for the text opened at 9, found the end of the filter',
    );
  });

  it('suggests the field meant for an unknown one', () => {
    const e = filterError('ret3 > 0');
    expect(e.position).toBe(0);
    expect(e.suggestion).toBe('ret3m');
    expect(e.message).toBe('at 0: expected a field name, found "ret3" (did you mean "ret3m"?)');
    expect(filterError('RET3M > 0').suggestion, 'names are exact, case included').toBe('ret3m');
    expect(filterError('ret3m > 0 and marketcap > 1').suggestion).toBe('marketCap');
    expect(filterError('sma50 > 0').suggestion).toBe('sma50Dist');
    expect(filterError('zzzzzzzz > 1').suggestion).toBeUndefined();
  });

  it('rejects a test that does not fit the field type', () => {
    expect(filterError('sector > 5').message).toBe(
      'at 7: expected "=", "!=", "in", "not in" or "is null" after text field "sector", found ">"',
    );
    expect(filterError('sector = 5').message).toBe('at 9: expected a text in double quotes after "=", found "5"');
    expect(filterError('ret3m in ("a")').expected).toContain('after number field "ret3m"');
    expect(filterError('ret3m = "a"').message).toBe('at 8: expected a number after "=", found "a"');
    expect(filterError("sector = 'Tech'").expected).toBe('a text in double quotes (")');
    expect(filterError('ret3m > 1 && ret6m > 1').expected).toBe('"and" or "or"');
    expect(filterError('ret3m between 0.2 and 0.1').message).toBe(
      'at 22: expected a number >= 0.2 (between low and high), found "0.1"',
    );
    expect(filterError('ret3m > 1e999').expected).toBe('a finite number');
  });

  it('checks names against the fields given', () => {
    const fields = [{ name: 'alpha', type: 'number', label: 'Alpha', description: 'a' }] as const;
    expect(formatScreenFilter(parseScreenFilter('alpha > 1', fields))).toBe('alpha > 1');
    expect(() => parseScreenFilter('ret3m > 1', fields)).toThrow(ScreenFilterError);
  });
});

describe('parseScreenSort', () => {
  it('reads "-field" as descending and "field" or "+field" as ascending', () => {
    expect(parseScreenSort('-ret3m')).toEqual({ field: 'ret3m', descending: true });
    expect(parseScreenSort(' sector ')).toEqual({ field: 'sector', descending: false });
    expect(parseScreenSort('+score')).toEqual({ field: 'score', descending: false });
  });

  it('rejects an unknown field with a suggestion, and an empty sort', () => {
    const e = errorOf(() => parseScreenSort('-ret3mm'));
    expect(e.position).toBe(1);
    expect(e.message).toBe('at 1: expected a field name, found "ret3mm" (did you mean "ret3m"?)');
    expect(errorOf(() => parseScreenSort('-')).message).toBe('at 1: expected a field name, found the end of the sort');
  });
});

describe('SCREEN_FIELDS, SCREEN_VIEWS and SCREEN_PRESETS', () => {
  const names = new Set(SCREEN_FIELDS.map((f) => f.name));

  it('has unique field names, and views naming fields only', () => {
    expect(names.size).toBe(SCREEN_FIELDS.length);
    for (const [view, columns] of Object.entries(SCREEN_VIEWS)) {
      for (const column of columns) expect(names.has(column), `${view} shows ${column}`).toBe(true);
    }
  });

  it('has presets whose filters and sorts parse and whose views exist', () => {
    expect(SCREEN_PRESETS.map((p) => p.id)).toEqual([
      'momentum-leaders',
      'new-highs-on-volume',
      'pullback-in-uptrend',
      'growth-at-reasonable-price',
    ]);
    for (const preset of SCREEN_PRESETS) {
      expect(parseScreenFilter(preset.filter).type, preset.id).not.toBe('all');
      expect(names.has(parseScreenSort(preset.sort).field), preset.id).toBe(true);
      expect(SCREEN_VIEWS[preset.view], preset.id).toBeDefined();
    }
  });
});
