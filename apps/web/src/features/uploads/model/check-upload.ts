import { symbolSchema, timeZoneSchema } from '@marketlens/contracts';
import { describeFieldProblem } from '../../../shared/api/validation-words';

export interface UploadFields {
  file: File | null;
  symbol: string;
  timezone: string;
}
export type UploadField = keyof UploadFields;
export type CheckedUpload =
  { ok: true; file: File; symbol: string; timezone: string } | { ok: false; field: UploadField; message: string };

/** What to fix before anything is sent, in words that name the field. */
export function checkUpload({ file, symbol, timezone }: UploadFields): CheckedUpload {
  if (!file) return { ok: false, field: 'file', message: 'Choose a CSV file to upload.' };
  if (symbol.trim() === '') return { ok: false, field: 'symbol', message: 'Enter a symbol for the data (e.g. SPY).' };
  const parsedSymbol = symbolSchema.safeParse(symbol);
  if (!parsedSymbol.success) {
    const message = describeFieldProblem('Symbol', parsedSymbol.error.issues[0]?.message ?? 'is not valid');
    return { ok: false, field: 'symbol', message };
  }
  const zone = timezone.trim();
  if (zone === '') return { ok: false, field: 'timezone', message: 'Enter a timezone (e.g. UTC or America/New_York).' };
  const parsedZone = timeZoneSchema.safeParse(zone);
  if (!parsedZone.success) {
    const message = describeFieldProblem('Timezone', parsedZone.error.issues[0]?.message ?? 'is not valid');
    return { ok: false, field: 'timezone', message };
  }
  return { ok: true, file, symbol: parsedSymbol.data, timezone: zone };
}
