import type { ScreenFilter } from './screen-filter-ast';
import { compileScreenFilter } from './screen-filter-mask';
import { parseScreenFilter } from './screen-filter-parser';
import { parseScreenSort } from './screen-sort';
import { textIndex, type ScreenTable } from './screen-table';

export interface RunScreenQuery {
  /** Filter text (parsed against SCREEN_FIELDS) or an already parsed filter; none = every row. */
  filter?: string | ScreenFilter;
  /** "-ret3m" (descending) or "ret3m"; none = by symbol. */
  sort?: string;
  /** Rows to skip, default 0. */
  offset?: number;
  /** Rows to return, default all the rest. */
  limit?: number;
}

export interface RunScreenResult {
  /** Rows that pass the filter. */
  total: number;
  /** Row indices of the page, in sort order. */
  rows: Int32Array;
}

/**
 * Filter, sort and page a table. Sorting puts nulls last in both directions and breaks ties by symbol
 * (case-insensitively, then row order), so a page boundary never depends on the engine's sort.
 * Throws ScreenFilterError for a bad filter or sort, RangeError for a bad offset or limit.
 */
export function runScreen(table: ScreenTable, query: RunScreenQuery): RunScreenResult {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? table.size;
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be an integer >= 0, got ${offset}`);
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be an integer >= 0, got ${limit}`);
  const filter = typeof query.filter === 'string' ? parseScreenFilter(query.filter) : (query.filter ?? { type: 'all' });
  const sort = query.sort ? parseScreenSort(query.sort) : undefined;

  const passes = compileScreenFilter(filter)(table);
  const selected = new Int32Array(countOnes(passes));
  for (let i = 0, k = 0; i < passes.length; i++) if (passes[i] === 1) selected[k++] = i;

  const ties = tieKeys(table);
  const keys = sort ? sortKeys(table, sort.field) : ties;
  const ordered = order(selected, keys, sort?.descending ?? false, ties);
  return { total: selected.length, rows: ordered.slice(offset, offset + limit) };
}

function countOnes(mask: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]!;
  return count;
}

/** The sort field's values as numbers (texts by rank), NaN for null; a field missing from the table is all null. */
function sortKeys(table: ScreenTable, field: string): Float64Array {
  const numbers = table.numbers[field];
  if (numbers !== undefined) return numbers;
  const texts = table.texts[field];
  if (texts !== undefined) return textIndex(texts).sortKeys;
  return new Float64Array(table.size).fill(Number.NaN);
}

/** Symbol ranks, the tie-breaker (row order when the table has no symbols). */
function tieKeys(table: ScreenTable): Float64Array {
  const symbols = table.texts.symbol;
  return symbols !== undefined ? textIndex(symbols).sortKeys : new Float64Array(table.size).fill(Number.NaN);
}

/** Rows with a key sorted by key (then tie key, then row), followed by the rows without one, by tie key. */
function order(rows: Int32Array, keys: Float64Array, descending: boolean, ties: Float64Array): Int32Array {
  let valued = 0;
  for (let k = 0; k < rows.length; k++) if (keys[rows[k]!] === keys[rows[k]!]) valued += 1;
  const withKey = new Int32Array(valued);
  const withoutKey = new Int32Array(rows.length - valued);
  for (let k = 0, a = 0, b = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (keys[row] === keys[row]) withKey[a++] = row;
    else withoutKey[b++] = row;
  }
  const direction = descending ? -1 : 1;
  const byTie = (a: number, b: number): number => compareKeys(ties[a]!, ties[b]!) || a - b;
  withKey.sort((a, b) => direction * compareKeys(keys[a]!, keys[b]!) || byTie(a, b));
  withoutKey.sort(byTie);
  const result = new Int32Array(rows.length);
  result.set(withKey);
  result.set(withoutKey, valued);
  return result;
}

/** Ascending, NaN (a row without a symbol) after every number. */
function compareKeys(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return a === a ? -1 : b === b ? 1 : 0;
}
