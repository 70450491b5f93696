/**
 * A snapshot as columns, what screens run on: one Float64Array per number field (NaN = null) and one array per
 * text field (null = missing), every column `size` long. A field absent from the table reads as all null.
 * Columns are treated as immutable once screened: per-column indexes of the texts are cached by identity.
 */
export interface ScreenTable {
  size: number;
  numbers: Record<string, Float64Array>;
  texts: Record<string, (string | null)[]>;
}

/** A text column indexed once: values compare case-insensitively, as the filter language does. */
export interface TextIndex {
  /** Per row, the code of its lower-cased value, -1 for null. */
  codes: Int32Array;
  /** Lower-cased value -> code. */
  codeOf: ReadonlyMap<string, number>;
  /** Per row, the rank of its lower-cased value in code-unit order (ties equal), NaN for null: a sort key. */
  sortKeys: Float64Array;
}

const indexes = new WeakMap<readonly (string | null)[], TextIndex>();

export function textIndex(column: readonly (string | null)[]): TextIndex {
  const cached = indexes.get(column);
  if (cached !== undefined) return cached;
  const codes = new Int32Array(column.length);
  const codeOf = new Map<string, number>();
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value === null || value === undefined) {
      codes[i] = -1;
      continue;
    }
    const key = value.toLowerCase();
    let code = codeOf.get(key);
    if (code === undefined) codeOf.set(key, (code = codeOf.size));
    codes[i] = code;
  }
  // Code-unit order, not localeCompare: the same order in every browser and in Node.
  const rankOfCode = new Float64Array(codeOf.size);
  [...codeOf.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .forEach((key, rank) => (rankOfCode[codeOf.get(key)!] = rank));
  const sortKeys = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) sortKeys[i] = codes[i]! < 0 ? Number.NaN : rankOfCode[codes[i]!]!;
  const index = { codes, codeOf, sortKeys };
  indexes.set(column, index);
  return index;
}
