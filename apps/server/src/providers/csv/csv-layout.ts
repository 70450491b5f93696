import { CsvFormatError } from './csv-format.error';
import { splitFields } from './csv-fields';

export const CSV_LAYOUTS = ['yahoo', 'ohlcv', 'exchange', 'single-price'] as const;
export type CsvLayoutName = (typeof CSV_LAYOUTS)[number];

export interface CsvLayout {
  name: CsvLayoutName;
  delimiter: ',' | ';';
  /** Header names as written, for messages. */
  header: string[];
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** -1 when the file has no volume column (volume is then 0). */
  volume: number;
  /** open, high, low, close[, volume] column indexes in that order. */
  valueColumns: number[];
}

const DATETIME_NAMES = ['date', 'datetime', 'timestamp', 'time', 'opentime', 'timeopen'];
const SINGLE_PRICE_NAMES = ['close', 'price', 'value', 'adjclose'];

/** `Adj Close`, `adj_close` and ` ADJ CLOSE ` all become `adjclose`. */
const normalise = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');

function sniffDelimiter(headerLine: string): ',' | ';' {
  const commas = headerLine.split(',').length;
  const semicolons = headerLine.split(';').length;
  return semicolons > commas ? ';' : ',';
}

function withValueColumns(layout: Omit<CsvLayout, 'valueColumns'>): CsvLayout {
  const prices = [layout.open, layout.high, layout.low, layout.close];
  return { ...layout, valueColumns: layout.volume === -1 ? prices : [...prices, layout.volume] };
}

/**
 * Recognises the file layout from its header line. Unknown extra columns (`stock_id`, `OpenInt`,
 * `Adj Close` when Close exists) are ignored; a file with only a date and one price column becomes flat
 * bars (open = high = low = close, volume 0).
 */
export function detectLayout(headerLine: string, line: number, priceColumn?: string): CsvLayout {
  const delimiter = sniffDelimiter(headerLine);
  const header = splitFields(headerLine, delimiter).map((h) => h.trim());
  const names = header.map(normalise);
  if (priceColumn !== undefined && normalise(priceColumn) !== 'close') {
    return pickedPriceLayout(header, names, delimiter, priceColumn, line);
  }
  const find = (candidates: readonly string[]): number => {
    for (const candidate of candidates) {
      const index = names.indexOf(candidate);
      if (index !== -1) return index;
    }
    return -1;
  };
  const ts = find(DATETIME_NAMES);
  const [open, high, low, close] = ['open', 'high', 'low', 'close'].map((n) => names.indexOf(n)) as [
    number,
    number,
    number,
    number,
  ];
  const volume = find(['volume', 'vol']);
  const found = header.filter(Boolean).join(', ') || '(nothing)';
  const missing = (wanted: string[]) =>
    new CsvFormatError(line, `missing required columns: ${wanted.join(', ')} (found: ${found})`);

  const hasAnyOhl = open !== -1 || high !== -1 || low !== -1;
  if (ts === -1 || hasAnyOhl) {
    const wanted: [string, number][] = [
      ['date', ts],
      ['open', open],
      ['high', high],
      ['low', low],
      ['close', close],
    ];
    const absent = wanted.filter(([, index]) => index === -1).map(([name]) => name);
    if (absent.length > 0) {
      // A date-only problem in a single-price file should not ask for OHLC columns.
      const priceOnly = !hasAnyOhl && find(SINGLE_PRICE_NAMES) !== -1;
      throw missing(priceOnly ? ['date (or datetime, timestamp, time, open_time)'] : absent);
    }
    const name: CsvLayoutName = names.includes('adjclose') ? 'yahoo' : names[ts] === 'date' ? 'ohlcv' : 'exchange';
    return withValueColumns({ name, delimiter, header, ts, open, high, low, close, volume });
  }
  const price = find(SINGLE_PRICE_NAMES);
  if (price === -1) throw missing(['open, high, low, close (or one price column: close, price or value)']);
  return withValueColumns({
    name: 'single-price',
    delimiter,
    header,
    ts,
    open: price,
    high: price,
    low: price,
    close: price,
    volume,
  });
}

/**
 * A price column chosen by name (e.g. "Adj Close"): flat bars from that column, because the file's
 * open/high/low belong to another price series (unadjusted) and would not bracket it.
 */
function pickedPriceLayout(
  header: string[],
  names: string[],
  delimiter: ',' | ';',
  priceColumn: string,
  line: number,
): CsvLayout {
  const price = names.indexOf(normalise(priceColumn));
  const ts = DATETIME_NAMES.map((n) => names.indexOf(n)).find((i) => i !== -1) ?? -1;
  const found = header.filter(Boolean).join(', ') || '(nothing)';
  if (price === -1)
    throw new CsvFormatError(line, `missing the requested price column "${priceColumn}" (found: ${found})`);
  if (ts === -1) throw new CsvFormatError(line, `missing required columns: date (found: ${found})`);
  const volume = ['volume', 'vol'].map((n) => names.indexOf(n)).find((i) => i !== -1) ?? -1;
  return withValueColumns({
    name: 'single-price',
    delimiter,
    header,
    ts,
    open: price,
    high: price,
    low: price,
    close: price,
    volume,
  });
}
