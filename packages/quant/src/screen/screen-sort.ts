import { suggestName } from './field-suggestion';
import { ScreenFilterError } from './screen-filter.error';
import { fieldMap, SCREEN_FIELDS, type ScreenField } from './screen-fields';

export interface ScreenSort {
  field: string;
  descending: boolean;
}

/**
 * A sort: a field name, after "-" for descending ("-ret3m") or an optional "+" for ascending. Throws
 * ScreenFilterError (with the nearest field name for a misspelt one).
 */
export function parseScreenSort(sort: string, fields: readonly ScreenField[] = SCREEN_FIELDS): ScreenSort {
  const start = sort.length - sort.trimStart().length;
  const text = sort.trim();
  const descending = text.startsWith('-');
  const signed = descending || text.startsWith('+');
  const name = signed ? text.slice(1) : text;
  const position = start + (signed ? 1 : 0);
  const byName = fieldMap(fields);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    const found = name === '' ? 'the end of the sort' : `"${name}"`;
    throw new ScreenFilterError(position, signed ? 'a field name' : 'a field name, after "-" for descending', found);
  }
  if (!byName.has(name))
    throw new ScreenFilterError(position, 'a field name', `"${name}"`, suggestName(name, byName.keys()));
  return { field: name, descending };
}
