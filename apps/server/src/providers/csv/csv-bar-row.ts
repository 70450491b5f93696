import type { RawBar } from '../market-data-provider';
import type { CsvLayout } from './csv-layout';

export type RowResult = { ok: true; bar: RawBar } | { ok: false; reason: string };

const NULL_TEXT = /^\s*null\s*$/i;
// Checked on every row, so no trimmed or lower-cased copy: \s is exactly the whitespace trim() removes.
const isNull = (text: string | undefined): boolean => text !== undefined && text.length >= 4 && NULL_TEXT.test(text);
const reject = (reason: string): RowResult => ({ ok: false, reason });

/**
 * Turns one record's fields into a bar, or says exactly why not (column and value). Prices must be
 * positive, volume non-negative, and the bar internally consistent: low <= open, close <= high.
 */
export function parseBarRow(
  fields: string[],
  layout: CsvLayout,
  parseTs: (value: string) => number | null,
  decimalComma: boolean,
): RowResult {
  if (fields.length !== layout.header.length) {
    return reject(`expected ${layout.header.length} columns, found ${fields.length}`);
  }
  const rawTs = fields[layout.ts] ?? '';
  const valueColumns = layout.valueColumns;
  // Yahoo writes "null" in every value column for days it has no prices for.
  if (isNull(fields[layout.close]) && valueColumns.every((c) => isNull(fields[c]))) {
    return reject(`no prices for ${rawTs.trim()} (every value is "null", as Yahoo writes for missing days)`);
  }
  const ts = parseTs(rawTs);
  if (ts === null) return reject(`unparseable date "${rawTs}" in column ${layout.header[layout.ts]}`);

  const values: number[] = [];
  for (let k = 0; k < valueColumns.length; k++) {
    const column = valueColumns[k]!;
    const text = fields[column] ?? '';
    const value = Number(decimalComma ? text.replace(',', '.') : text);
    // Number() is the hot path; the slower checks below only run on values that need a closer look.
    if (value > 0 && value !== Infinity) {
      values.push(value);
      continue;
    }
    const name = layout.header[column];
    if (text.trim() === '') return reject(`empty value in column ${name}`);
    if (Number.isNaN(value)) return reject(`non-numeric value "${text.trim()}" in column ${name}`);
    if (!Number.isFinite(value)) return reject(`non-finite value "${text.trim()}" in column ${name}`);
    if (value < 0) return reject(`negative value ${text.trim()} in column ${name}`);
    if (k < 4) return reject(`zero price in column ${name}`);
    values.push(value);
  }
  const [open, high, low, close, volume = 0] = values as [number, number, number, number, number?];
  if (high < low) return reject(`high ${high} is below low ${low}`);
  if (open > high) return reject(`open ${open} is above high ${high}`);
  if (open < low) return reject(`open ${open} is below low ${low}`);
  if (close > high) return reject(`close ${close} is above high ${high}`);
  if (close < low) return reject(`close ${close} is below low ${low}`);
  return { ok: true, bar: { ts, open, high, low, close, volume } };
}
