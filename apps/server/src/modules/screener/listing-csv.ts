import { splitFields } from '../../providers/csv/csv-fields';
import { CsvFormatError } from '../../providers/csv/csv-format.error';
import { readCsvRecords, type CsvInput } from '../../providers/csv/csv-records';

// Listing files: Nasdaq's company list (Symbol, Name, LastSale, MarketCap, IPOyear, Sector, Industry, and the
// newer screener export's "Last Sale", "Market Cap", "IPO Year") and nasdaq-listed.csv (ETF flag, no market
// cap). Values come as the sites write them: "n/a", "$1.2B", "1292044339.1", HTML entities in names.

/** One company as a listing file describes it. */
export interface ListingEntry {
  symbol: string;
  name: string | null;
  sector: string | null;
  industry: string | null;
  exchange: string | null;
  marketCap: number | null;
  lastSale: number | null;
  ipoYear: number | null;
  isEtf: boolean;
}

export type ListingLayout = 'nasdaq-companylist' | 'nasdaq-listed';

export interface ParsedListing {
  layout: ListingLayout;
  /** Data rows read (blank lines not counted). */
  rows: number;
  entries: ListingEntry[];
  /** Lines that could not be read as a company (no symbol, a repeated symbol, a test issue ...). */
  problems: { line: number; reason: string }[];
}

type Column = 'symbol' | 'name' | 'lastSale' | 'marketCap' | 'ipoYear' | 'sector' | 'industry' | 'exchange' | 'etf';

/** Header names (lower case, without spaces, _ or %) of each column, as the known layouts spell them. */
const HEADER_NAMES: Record<Column, readonly string[]> = {
  symbol: ['symbol', 'ticker'],
  name: ['name', 'companyname', 'securityname'],
  lastSale: ['lastsale', 'price', 'last', 'close'],
  marketCap: ['marketcap'],
  ipoYear: ['ipoyear'],
  sector: ['sector'],
  industry: ['industry'],
  exchange: ['exchange'],
  etf: ['etf'],
};
const TEST_ISSUE = 'testissue';

const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_%-]/g, '');

/** Symbols as the platform accepts them (contracts' symbolSchema). */
const SYMBOL = /^[A-Z0-9^._=-]{1,32}$/;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

/** `Dillard&#39;s` -> `Dillard's`: the lists are scraped from HTML. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const MISSING = new Set(['', 'n/a', 'na', 'nan', 'null', '-', '--']);

function text(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const value = decodeHtmlEntities(raw).trim();
  return MISSING.has(value.toLowerCase()) ? null : value;
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** "$1.2B" -> 1.2e9, "1292044339.1" -> 1292044339.1, "$11.30" -> 11.3, "n/a" -> null; unreadable -> NaN. */
export function parseAmount(raw: string | undefined): number | null {
  const value = text(raw);
  if (value === null) return null;
  const m = /^\$?\s*([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:e([+-]?\d+))?\s*([kmbt])?$/i.exec(value);
  if (!m) return Number.NaN;
  const base = Number(m[1]!.replace(/,/g, '')) * (m[2] ? 10 ** Number(m[2]) : 1);
  return base * (m[3] ? SUFFIX[m[3].toLowerCase()]! : 1);
}

function detect(header: string[], line: number): { layout: ListingLayout; at: Partial<Record<Column, number>> } {
  const names = header.map(normaliseHeader);
  const at: Partial<Record<Column, number>> = {};
  for (const [column, spellings] of Object.entries(HEADER_NAMES) as [Column, readonly string[]][]) {
    const index = names.findIndex((n) => spellings.includes(n));
    if (index !== -1) at[column] = index;
  }
  if (at.symbol === undefined) {
    throw new CsvFormatError(
      line,
      `no Symbol column in the header (${header.join(', ')}): expected a Nasdaq company list (Symbol, Name, LastSale, MarketCap, IPOyear, Sector, Industry) or nasdaq-listed.csv`,
    );
  }
  return { layout: at.marketCap === undefined && at.etf !== undefined ? 'nasdaq-listed' : 'nasdaq-companylist', at };
}

/**
 * Reads a listing file. A file that is not a listing at all (no Symbol column, binary, bad encoding) throws
 * CsvFormatError with the line; a bad row is listed in `problems` and skipped, so one odd line does not
 * lose the other 3,000.
 */
export async function parseListingCsv(input: CsvInput): Promise<ParsedListing> {
  let columns: ReturnType<typeof detect> | undefined;
  let testIssueAt = -1;
  const entries: ListingEntry[] = [];
  const problems: ParsedListing['problems'] = [];
  const seen = new Set<string>();
  let rows = 0;
  for await (const records of readCsvRecords(input)) {
    for (const record of records) {
      if (record.text.trim() === '') continue;
      const fields = splitFields(record.text, ',');
      if (!columns) {
        columns = detect(fields, record.line);
        testIssueAt = fields.map(normaliseHeader).indexOf(TEST_ISSUE);
        continue;
      }
      rows += 1;
      const entry = readRow(fields, columns, testIssueAt, (reason) => problems.push({ line: record.line, reason }));
      if (!entry) continue;
      if (seen.has(entry.symbol)) {
        problems.push({ line: record.line, reason: `symbol ${entry.symbol} is listed twice; the first row is kept` });
        continue;
      }
      seen.add(entry.symbol);
      entries.push(entry);
    }
  }
  if (!columns) throw new CsvFormatError(0, 'the file is empty: expected a header line with a Symbol column');
  return { layout: columns.layout, rows, entries, problems };
}

function readRow(
  fields: string[],
  { layout, at }: ReturnType<typeof detect>,
  testIssueAt: number,
  problem: (reason: string) => void,
): ListingEntry | null {
  const get = (column: Column) => (at[column] === undefined ? undefined : fields[at[column]]);
  const rawSymbol = text(get('symbol'));
  const skip = (reason: string): null => {
    problem(reason);
    return null;
  };
  if (rawSymbol === null) return skip('no symbol');
  const symbol = rawSymbol.toUpperCase();
  if (!SYMBOL.test(symbol)) {
    return skip(`symbol "${rawSymbol}" has characters other than letters, digits and ^ . _ = -`);
  }
  if (testIssueAt !== -1 && text(fields[testIssueAt])?.toUpperCase() === 'Y') {
    return skip(`${symbol} is a test issue, not a company`);
  }
  const amounts = { marketCap: parseAmount(get('marketCap')), lastSale: parseAmount(get('lastSale')) };
  for (const [key, value] of Object.entries(amounts)) {
    if (Number.isNaN(value)) {
      problem(`${symbol}: ${key} "${get(key as Column)}" is not a number; read as unknown`);
      amounts[key as keyof typeof amounts] = null;
    }
  }
  const ipo = text(get('ipoYear'));
  const ipoYear = ipo !== null && /^\d{4}$/.test(ipo) ? Number(ipo) : null;
  const name = text(get('name'));
  const etf = text(get('etf'));
  return {
    symbol,
    name,
    sector: text(get('sector')),
    industry: text(get('industry')),
    exchange: text(get('exchange')) ?? (layout === 'nasdaq-listed' ? 'NASDAQ' : null),
    ...amounts,
    ipoYear,
    // The company list has no ETF column; its funds say so in their names.
    isEtf: etf !== null ? etf.toUpperCase() === 'Y' : name !== null && /\bETF\b/.test(name),
  };
}
