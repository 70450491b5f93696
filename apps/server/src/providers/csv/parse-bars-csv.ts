import type { RawBar } from '../market-data-provider';
import { parseBarRow } from './csv-bar-row';
import { splitFields } from './csv-fields';
import { CsvFormatError } from './csv-format.error';
import { detectLayout, type CsvLayoutName } from './csv-layout';
import { readCsvRecords, type CsvInput } from './csv-records';
import { createTimestampParser } from './csv-timestamp';
import { SeenTimestamps } from './seen-timestamps';

export interface ParseBarsCsvOptions {
  /** IANA zone for date-times without an offset. Default UTC. Date-only values are always UTC dates. */
  timezone?: string;
  /** Bars per yielded batch. Default 5,000. */
  batchSize?: number;
  /** How many rejected rows are listed with their reason; the rest are only counted. Default 100. */
  maxRejectedListed?: number;
  /**
   * Header name of the price column to use (case, spaces and _ ignored), e.g. "Adj Close". Default (or
   * "close"): the layout's own close. Any other column gives flat bars from that column.
   */
  priceColumn?: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface CsvImportSummary {
  layout: CsvLayoutName;
  /** Data rows read (blank lines not counted). */
  rows: number;
  accepted: number;
  /** Exact repeats of an earlier row, collapsed silently. */
  duplicates: number;
  rejected: RejectedRow[];
  rejectedTotal: number;
  /** Earliest and latest accepted bar, epoch ms (null when nothing was accepted). */
  firstTs: number | null;
  lastTs: number | null;
}

export interface BarsCsvParse extends AsyncIterable<RawBar[]> {
  /** Available once iteration has finished; throws before that. */
  readonly summary: CsvImportSummary;
}

const hashView = new Float64Array(1);
const hashWords = new Uint32Array(hashView.buffer);

function mixBits(h: number, v: number): number {
  hashView[0] = v;
  return Math.imul(Math.imul(h ^ hashWords[0]!, 0x01000193) ^ hashWords[1]!, 0x01000193);
}

/** 32-bit FNV-1a over the bits of the five values: enough to tell an exact repeat from a conflicting one. */
function valueHash(bar: RawBar): number {
  let h = mixBits(0x811c9dc5, bar.open);
  h = mixBits(h, bar.high);
  h = mixBits(h, bar.low);
  h = mixBits(h, bar.close);
  return mixBits(h, bar.volume) >>> 0;
}

const formatTs = (ts: number): string => {
  const iso = new Date(ts).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
};

/**
 * Streams OHLCV bars out of a CSV file in batches. Memory is bounded by one batch plus one entry per
 * distinct timestamp (needed to catch duplicates); input order is kept, because the database sorts.
 */
export function parseBarsCsv(input: CsvInput, options: ParseBarsCsvOptions = {}): BarsCsvParse {
  const batchSize = options.batchSize ?? 5000;
  const maxListed = options.maxRejectedListed ?? 100;
  const parseTs = createTimestampParser(options.timezone ?? 'UTC');
  let summary: CsvImportSummary | null = null;

  async function* batches(): AsyncGenerator<RawBar[]> {
    const result: CsvImportSummary = {
      layout: 'ohlcv',
      rows: 0,
      accepted: 0,
      duplicates: 0,
      rejected: [],
      rejectedTotal: 0,
      firstTs: null,
      lastTs: null,
    };
    // ts -> line * 2^32 + value hash of the first row seen with that ts.
    const seen = new SeenTimestamps();
    const rejectRow = (line: number, reason: string) => {
      result.rejectedTotal++;
      if (result.rejected.length < maxListed) result.rejected.push({ line, reason });
    };
    let layout: ReturnType<typeof detectLayout> | null = null;
    let decimalComma = false;
    let lastLine = 0;
    let batch: RawBar[] = [];

    for await (const records of readCsvRecords(input)) {
      for (const record of records) {
        lastLine = record.line;
        if (record.text.trim() === '') continue;
        if (!layout) {
          layout = detectLayout(record.text, record.line, options.priceColumn);
          result.layout = layout.name;
          // With ';' as delimiter, spreadsheets in most of Europe also write decimal commas.
          decimalComma = layout.delimiter === ';';
          continue;
        }
        result.rows++;
        const row = parseBarRow(splitFields(record.text, layout.delimiter), layout, parseTs, decimalComma);
        if (!row.ok) {
          rejectRow(record.line, row.reason);
          continue;
        }
        const bar = row.bar;
        const hash = valueHash(bar);
        const previous = seen.get(bar.ts);
        if (previous !== undefined) {
          const firstLine = Math.floor(previous / 2 ** 32);
          if (previous % 2 ** 32 === hash) result.duplicates++;
          else
            rejectRow(
              record.line,
              `duplicate timestamp ${formatTs(bar.ts)} (first seen on line ${firstLine}) with different values`,
            );
          continue;
        }
        seen.add(bar.ts, record.line * 2 ** 32 + hash);
        result.accepted++;
        if (result.firstTs === null || bar.ts < result.firstTs) result.firstTs = bar.ts;
        if (result.lastTs === null || bar.ts > result.lastTs) result.lastTs = bar.ts;
        batch.push(bar);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (!layout) throw new CsvFormatError(lastLine, 'empty file: no header and no data rows');
    if (result.rows === 0) throw new CsvFormatError(lastLine, 'no data rows (the file has only a header)');
    if (batch.length > 0) yield batch;
    summary = result;
  }

  return {
    [Symbol.asyncIterator]: () => batches()[Symbol.asyncIterator](),
    get summary(): CsvImportSummary {
      if (!summary) throw new Error('the CSV summary is available only after every batch has been read');
      return summary;
    },
  };
}
