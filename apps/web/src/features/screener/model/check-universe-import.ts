import { universeRulesSchema } from '@marketlens/contracts';
import { describeFieldProblem } from '../../../shared/api/validation-words';
import { parseAmountInput } from './amount-input';

/** The rules a blank field leaves to the server: the contract's own defaults, so the hints cannot drift. */
export const DEFAULT_UNIVERSE_RULES = universeRulesSchema.parse({});

export interface UniverseImportFields {
  file: File | null;
  name: string;
  minMarketCap: string;
  maxMarketCap: string;
  minPrice: string;
  excludeEtfs: boolean;
}
export type UniverseImportField = keyof UniverseImportFields;

/** The form's labels, also for the fields the server names in its answers (the query string's keys). */
export const UNIVERSE_IMPORT_LABELS: Readonly<Record<UniverseImportField, string>> = {
  file: 'Listing file',
  name: 'Name',
  minMarketCap: 'Min market cap',
  maxMarketCap: 'Max market cap',
  minPrice: 'Min price',
  excludeEtfs: 'Exclude ETFs',
};

/** The query string of POST /screener/universes; a rule left out takes the server's default. */
export type UniverseImportQuery = {
  name?: string;
  minMarketCap?: number;
  maxMarketCap?: number;
  minPrice?: number;
  excludeEtfs: 'true' | 'false';
};

export type CheckedUniverseImport =
  { ok: true; file: File; query: UniverseImportQuery } | { ok: false; field: UniverseImportField; message: string };

const NAME_MAX = 120;
export type AmountField = 'minMarketCap' | 'maxMarketCap' | 'minPrice';
export const AMOUNT_FIELDS: readonly AmountField[] = ['minMarketCap', 'maxMarketCap', 'minPrice'];

/** What to fix before the file is sent, in words that name the field. */
export function checkUniverseImport(fields: UniverseImportFields): CheckedUniverseImport {
  if (!fields.file) return { ok: false, field: 'file', message: 'Choose a listing file (CSV) to import.' };
  const name = fields.name.trim();
  if (name.length > NAME_MAX) {
    return {
      ok: false,
      field: 'name',
      message: describeFieldProblem('Name', `must be at most ${NAME_MAX} characters long`),
    };
  }
  const query: UniverseImportQuery = { excludeEtfs: fields.excludeEtfs ? 'true' : 'false' };
  if (name) query.name = name;
  for (const field of AMOUNT_FIELDS) {
    const amount = parseAmountInput(fields[field]);
    if (Number.isNaN(amount)) {
      const message = `${UNIVERSE_IMPORT_LABELS[field]} must be an amount such as 300M, 2B or 1500000.`;
      return { ok: false, field, message };
    }
    if (amount !== null) query[field] = amount;
  }
  const min = query.minMarketCap ?? DEFAULT_UNIVERSE_RULES.minMarketCap;
  const max = query.maxMarketCap ?? DEFAULT_UNIVERSE_RULES.maxMarketCap;
  if (min !== null && max !== null && min > max) {
    const field = fields.minMarketCap.trim() ? 'minMarketCap' : 'maxMarketCap';
    return { ok: false, field, message: 'Min market cap must not exceed max market cap.' };
  }
  return { ok: true, file: fields.file, query };
}
