import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { runScreen } from './run-screen';
import type { ScreenFilter } from './screen-filter-ast';
import { parseScreenFilter } from './screen-filter-parser';
import type { ScreenTable } from './screen-table';

const NaN_ = Number.NaN;

/** Five rows, one with missing data everywhere but its symbol. */
function smallTable(): ScreenTable {
  return {
    size: 5,
    numbers: {
      ret3m: Float64Array.from([0.3, -0.1, NaN_, 0.3, 0.05]),
      marketCap: Float64Array.from([5e8, 1.5e9, NaN_, 3e9, 4e8]),
    },
    texts: {
      symbol: ['DDD', 'bbb', 'EEE', 'AAA', 'CCC'],
      sector: ['Technology', 'Health Care', null, 'technology', 'Energy'],
    },
  };
}

const rowsOf = (table: ScreenTable, query: Parameters<typeof runScreen>[1]) =>
  Array.from(runScreen(table, query).rows, (i) => table.texts.symbol![i]);

describe('runScreen', () => {
  it('filters with SQL three-valued logic: a null never passes, not even through "not"', () => {
    const t = smallTable();
    expect(rowsOf(t, { filter: 'ret3m > 0.1' })).toEqual(['AAA', 'DDD']);
    expect(rowsOf(t, { filter: 'not ret3m > 0.1' }), 'EEE has no ret3m: unknown, not true').toEqual(['bbb', 'CCC']);
    expect(rowsOf(t, { filter: 'ret3m > 0.1 or not ret3m > 0.1' })).toEqual(['AAA', 'bbb', 'CCC', 'DDD']);
    expect(rowsOf(t, { filter: 'ret3m is null' })).toEqual(['EEE']);
    expect(rowsOf(t, { filter: 'ret3m is not null and sector is not null' })).toEqual(['AAA', 'bbb', 'CCC', 'DDD']);
    expect(rowsOf(t, { filter: 'ret3m != 0.3' })).toEqual(['bbb', 'CCC']);
    // unknown or true is true: EEE passes through the other side of an or.
    expect(rowsOf(t, { filter: 'ret3m > 0.1 or symbol = "eee"' })).toEqual(['AAA', 'DDD', 'EEE']);
    // unknown and false is false, so its not is true.
    expect(rowsOf(t, { filter: 'not (ret3m > 0.1 and symbol = "AAA")' })).toEqual(['bbb', 'CCC', 'DDD', 'EEE']);
  });

  it('compares texts case-insensitively, and "not in" leaves a null out', () => {
    const t = smallTable();
    expect(rowsOf(t, { filter: 'sector in ("TECHNOLOGY", "energy")' })).toEqual(['AAA', 'CCC', 'DDD']);
    expect(rowsOf(t, { filter: 'sector not in ("Technology")' })).toEqual(['bbb', 'CCC']);
    expect(rowsOf(t, { filter: 'marketCap between 4e8 and 1.5e9' })).toEqual(['bbb', 'CCC', 'DDD']);
    expect(rowsOf(t, { filter: 'marketCap not between 4e8 and 1.5e9' })).toEqual(['AAA']);
  });

  it('sorts nulls last in both directions and breaks ties by symbol, then pages', () => {
    const t = smallTable();
    expect(rowsOf(t, { sort: '-ret3m' })).toEqual(['AAA', 'DDD', 'CCC', 'bbb', 'EEE']);
    expect(rowsOf(t, { sort: 'ret3m' })).toEqual(['bbb', 'CCC', 'AAA', 'DDD', 'EEE']);
    expect(rowsOf(t, { sort: 'sector' }), 'texts by lower-cased value').toEqual(['CCC', 'bbb', 'AAA', 'DDD', 'EEE']);
    expect(rowsOf(t, { sort: '-sector' })).toEqual(['AAA', 'DDD', 'bbb', 'CCC', 'EEE']);
    expect(rowsOf(t, {}), 'no sort: by symbol').toEqual(['AAA', 'bbb', 'CCC', 'DDD', 'EEE']);
    const page = runScreen(t, { sort: '-ret3m', offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(Array.from(page.rows)).toEqual([0, 4]);
    expect(runScreen(t, { offset: 10 }).rows.length).toBe(0);
    expect(() => runScreen(t, { limit: -1 })).toThrow(RangeError);
  });

  it('reads a field missing from the table as null, and takes a parsed filter', () => {
    const t = smallTable();
    expect(runScreen(t, { filter: 'score > 50' }).total).toBe(0);
    expect(runScreen(t, { filter: 'score is null' }).total).toBe(5);
    const parsed: ScreenFilter = parseScreenFilter('ret3m >= 0.3');
    expect(runScreen(t, { filter: parsed }).total).toBe(2);
  });

  it('agrees with a plain row-by-row evaluation on random tables and filters', () => {
    const random = createSeededRandom(5);
    const size = 500;
    const numbers = ['ret3m', 'ret6m', 'rsi14', 'relVol'] as const;
    const sectors = ['Technology', 'Energy', 'Utilities', null];
    const table: ScreenTable = {
      size,
      numbers: Object.fromEntries(
        numbers.map((name) => [
          name,
          Float64Array.from({ length: size }, () =>
            random.next() < 0.1 ? NaN_ : Math.round(random.normal() * 10) / 10,
          ),
        ]),
      ),
      texts: {
        symbol: Array.from({ length: size }, (_, i) => `S${(i * 7919) % size}`),
        sector: Array.from({ length: size }, () => sectors[random.int(4)]!),
      },
    };
    type Row = Record<string, number | string | null>;
    const rows: Row[] = Array.from({ length: size }, (_, i) => {
      const row: Row = { symbol: table.texts.symbol![i]!, sector: table.texts.sector![i]! };
      for (const name of numbers) row[name] = Number.isNaN(table.numbers[name]![i]!) ? null : table.numbers[name]![i]!;
      return row;
    });
    // true / false / null (unknown), written out as SQL defines it.
    const condition = (): [string, (r: Row) => boolean | null] => {
      const field = numbers[random.int(numbers.length)]!;
      const v = Math.round(random.normal() * 10) / 10;
      const value = (r: Row) => r[field] as number | null;
      const kinds: [string, (r: Row) => boolean | null][] = [
        [`${field} > ${v}`, (r) => (value(r) === null ? null : value(r)! > v)],
        [`${field} <= ${v}`, (r) => (value(r) === null ? null : value(r)! <= v)],
        [`${field} = ${v}`, (r) => (value(r) === null ? null : value(r) === v)],
        [
          `${field} between ${v} and ${v + 1}`,
          (r) => (value(r) === null ? null : value(r)! >= v && value(r)! <= v + 1),
        ],
        [
          `sector in ("energy", "UTILITIES")`,
          (r) => (r.sector === null ? null : ['Energy', 'Utilities'].includes(r.sector as string)),
        ],
        [`${field} is null`, (r) => value(r) === null],
      ];
      return kinds[random.int(kinds.length)]!;
    };
    const and = (a: boolean | null, b: boolean | null) =>
      a === false || b === false ? false : a === null || b === null ? null : true;
    const or = (a: boolean | null, b: boolean | null) =>
      a === true || b === true ? true : a === null || b === null ? null : false;
    const not = (a: boolean | null) => (a === null ? null : !a);
    for (let trial = 0; trial < 200; trial++) {
      const [t1, f1] = condition();
      const [t2, f2] = condition();
      const [t3, f3] = condition();
      const text = `not (${t1} or ${t2}) or ${t3} and not ${t1}`;
      const expected = rows.filter((r) => or(not(or(f1(r), f2(r))), and(f3(r), not(f1(r)))) === true);
      const sortField = numbers[random.int(numbers.length)]!;
      const descending = random.next() < 0.5;
      expected.sort((a, b) => {
        const x = a[sortField] as number | null;
        const y = b[sortField] as number | null;
        if (x === null || y === null) {
          if (x !== y) return x === null ? 1 : -1;
        } else if (x !== y) return descending ? y - x : x - y;
        return (a.symbol as string).toLowerCase() < (b.symbol as string).toLowerCase() ? -1 : 1;
      });
      const got = runScreen(table, {
        filter: text,
        sort: `${descending ? '-' : ''}${sortField}`,
        offset: 3,
        limit: 20,
      });
      expect(got.total, text).toBe(expected.length);
      expect(
        Array.from(got.rows, (i) => table.texts.symbol![i]),
        text,
      ).toEqual(expected.slice(3, 23).map((r) => r.symbol));
    }
  });
});
