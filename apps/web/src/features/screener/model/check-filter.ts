import { parseScreenFilter, parseScreenSort, ScreenFilterError, type ScreenField } from '@marketlens/quant';
import { localFilterProblem, type FilterProblem } from './filter-problem';

/** The catalog's fields in the parser's shape (the parser only reads name and type). */
export type ParserField = Pick<ScreenField, 'name' | 'type' | 'label' | 'description'>;

/**
 * Reads the filter with the same parser the server uses, as the user types, so a mistake is underlined without a
 * round trip; the server's 400 still decides (a newer server may know more fields than this build).
 */
export function checkFilter(text: string, fields: readonly ParserField[]): FilterProblem | null {
  try {
    parseScreenFilter(text, fields as readonly ScreenField[]);
    return null;
  } catch (error) {
    if (error instanceof ScreenFilterError) return localFilterProblem('filter', error);
    throw error;
  }
}

export function checkSort(sort: string | null, fields: readonly ParserField[]): FilterProblem | null {
  if (!sort) return null;
  try {
    parseScreenSort(sort, fields as readonly ScreenField[]);
    return null;
  } catch (error) {
    if (error instanceof ScreenFilterError) return localFilterProblem('sort', error);
    throw error;
  }
}
