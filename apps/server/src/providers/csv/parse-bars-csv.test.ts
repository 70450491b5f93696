import { describe, expect, it } from 'vitest';
import { CsvFormatError } from './csv-format.error';
import { parseBarsCsv, type ParseBarsCsvOptions } from './parse-bars-csv';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
}

async function parseAll(input: string | (string | Uint8Array)[], options: ParseBarsCsvOptions = {}) {
  const parse = parseBarsCsv(typeof input === 'string' ? chunks(input) : chunks(...input), options);
  const bars = [];
  for await (const batch of parse) bars.push(...batch);
  return { bars, summary: parse.summary };
}

async function fatal(input: string | (string | Uint8Array)[]): Promise<CsvFormatError> {
  const error = await parseAll(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'a fatal CsvFormatError').toBeInstanceOf(CsvFormatError);
  return error as CsvFormatError;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('parseBarsCsv layouts', () => {
  it('reads the Yahoo layout and ignores Adj Close', async () => {
    const { bars, summary } = await parseAll(
      'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,12,9,11,10.5,1000\n2020-01-03,11,13,10,12,11.5,2000\n',
    );
    expect(summary).toMatchObject({ layout: 'yahoo', rows: 2, accepted: 2, rejectedTotal: 0 });
    expect(bars[0]).toEqual({ ts: day('2020-01-02'), open: 10, high: 12, low: 9, close: 11, volume: 1000 });
  });

  it('reads the Stooq/Kaggle layout with OpenInt and unknown extra columns', async () => {
    const { bars, summary } = await parseAll(
      'date,open,high,low,close,volume,OpenInt,stock_id\n2017-11-10,1,2,0.5,1.5,7,0,5909\n',
    );
    expect(summary.layout).toBe('ohlcv');
    expect(bars).toEqual([{ ts: day('2017-11-10'), open: 1, high: 2, low: 0.5, close: 1.5, volume: 7 }]);
  });

  it('reads Binance-style epoch milliseconds and epoch seconds', async () => {
    const ms = await parseAll('open_time,open,high,low,close,volume\n1677628800000,1,2,1,2,3\n');
    expect(ms.summary.layout).toBe('exchange');
    expect(ms.bars[0]!.ts).toBe(Date.UTC(2023, 2, 1));
    const s = await parseAll('timestamp,open,high,low,close,volume\n1677628860,1,2,1,2,3\n');
    expect(s.bars[0]!.ts).toBe(Date.UTC(2023, 2, 1, 0, 1));
  });

  it('reads ISO date-times with offsets, T or space separators and Z', async () => {
    const { bars } = await parseAll(
      'datetime,open,high,low,close,volume\n2023-03-01 00:00:00+00:00,1,1,1,1,0\n2023-03-01T01:00:00Z,1,1,1,1,0\n2023-03-01T09:30:00-05:00,1,1,1,1,0\n2023-03-01 12:00:00.250+0530,1,1,1,1,0\n',
    );
    expect(bars.map((b) => b.ts)).toEqual([
      Date.UTC(2023, 2, 1, 0),
      Date.UTC(2023, 2, 1, 1),
      Date.UTC(2023, 2, 1, 14, 30),
      Date.UTC(2023, 2, 1, 6, 30, 0, 250),
    ]);
  });

  it('reads YYYY/M/D dates without zero padding', async () => {
    const { bars } = await parseAll('Date,Open,High,Low,Close,Adj Close,Volume\n2014/9/7,1,2,1,2,2,5\n');
    expect(bars[0]!.ts).toBe(day('2014-09-07'));
  });

  it.each(['Close', 'Price', 'Value'])('turns a single %s column into flat bars with volume 0', async (column) => {
    const { bars, summary } = await parseAll(`Date,${column}\n2020-01-02,3.5\n`);
    expect(summary.layout).toBe('single-price');
    expect(bars).toEqual([{ ts: day('2020-01-02'), open: 3.5, high: 3.5, low: 3.5, close: 3.5, volume: 0 }]);
  });

  it('sniffs semicolons, accepts decimal commas, CRLF, quoted fields and odd header spacing', async () => {
    const { bars, summary } = await parseAll(
      ' DATE ; Open;HIGH;low ; Close;Volume\r\n"2020-01-02";"1,5";2;1;"1,75";10\r\n',
    );
    expect(summary.accepted).toBe(1);
    expect(bars[0]).toEqual({ ts: day('2020-01-02'), open: 1.5, high: 2, low: 1, close: 1.75, volume: 10 });
  });

  it('handles quoted fields with commas, escaped quotes and a line break inside quotes', async () => {
    const { bars, summary } = await parseAll(
      'Date,Open,High,Low,Close,Volume,Note\n2020-01-02,1,2,1,2,3,"a, ""b""\nc"\n2020-01-03,1,2,1,2,3,x\n',
    );
    expect(bars).toHaveLength(2);
    expect(summary.rows).toBe(2);
  });
});

describe('parseBarsCsv time zones', () => {
  const csv =
    'datetime,open,high,low,close,volume\n2023-07-10 09:30:00,1,1,1,1,0\n2023-01-10 09:30:00,1,1,1,1,0\n2023-01-10,1,1,1,1,0\n';

  it('reads wall-clock times in New York as EDT in summer and EST in winter', async () => {
    const { bars } = await parseAll(csv, { timezone: 'America/New_York' });
    expect(bars[0]!.ts).toBe(Date.UTC(2023, 6, 10, 13, 30));
    expect(bars[1]!.ts).toBe(Date.UTC(2023, 0, 10, 14, 30));
  });

  it('keys date-only values at 00:00 UTC of the date whatever the zone', async () => {
    const { bars } = await parseAll(csv, { timezone: 'Asia/Tokyo' });
    expect(bars[2]!.ts).toBe(day('2023-01-10'));
  });

  it('treats times without offset as UTC by default', async () => {
    const { bars } = await parseAll(csv);
    expect(bars[0]!.ts).toBe(Date.UTC(2023, 6, 10, 9, 30));
  });

  it('rejects an unknown time zone by name', () => {
    expect(() => parseBarsCsv(chunks(csv), { timezone: 'Mars/Olympus' })).toThrow(/Mars\/Olympus/);
  });
});

describe('parseBarsCsv duplicates and order', () => {
  it('keeps unsorted input, collapses exact duplicates and rejects conflicting ones', async () => {
    const { bars, summary } = await parseAll(
      [
        'Date,Open,High,Low,Close,Volume',
        '2020-01-03,2,3,1,2,10',
        '2020-01-01,1,2,1,1,10',
        '2020-01-02,1,2,1,2,10',
        '2020-01-01,1,2,1,1,10',
        '2020-01-02,1,2,1,1.5,10',
      ].join('\n'),
    );
    expect(bars.map((b) => b.ts)).toEqual([day('2020-01-03'), day('2020-01-01'), day('2020-01-02')]);
    expect(summary).toMatchObject({ rows: 5, accepted: 3, duplicates: 1, rejectedTotal: 1 });
    expect(summary.rejected).toEqual([
      { line: 6, reason: 'duplicate timestamp 2020-01-02 (first seen on line 4) with different values' },
    ]);
    expect(summary.firstTs).toBe(day('2020-01-01'));
    expect(summary.lastTs).toBe(day('2020-01-03'));
  });
});

describe('parseBarsCsv row rejects', () => {
  const header = 'Date,Open,High,Low,Close,Adj Close,Volume';
  const rows = [
    '2020-01-01,1,2,1,2,2,10', // line 2 ok
    '2020-01-02,1,2,1,2,10', // 3 column count
    '2020-13-45,1,2,1,2,2,10', // 4 date
    'yesterday,1,2,1,2,2,10', // 5 date
    '2020-01-03,abc,2,1,2,2,10', // 6 non-numeric
    '2020-01-04,1,Infinity,1,2,2,10', // 7 non-finite
    '2020-01-05,1,2,-1,2,2,10', // 8 negative price
    '2020-01-06,1,2,1,2,2,-5', // 9 negative volume
    '2020-01-07,1.5,1,2,1.5,1.5,10', // 10 high < low
    '2020-01-08,3,2,1,2,2,10', // 11 open above high
    '2020-01-09,1,2,1,0.5,0.5,10', // 12 close below low
    '2020-01-10,null,null,null,null,null,null', // 13 Yahoo null row
    '2020-01-11,1,2,1,,2,10', // 14 empty value
    '2020-01-12,0,2,1,2,2,10', // 15 zero price
  ];

  it('skips each bad row and names the line, the column and the value', async () => {
    const { bars, summary } = await parseAll([header, ...rows].join('\n') + '\n');
    expect(bars).toHaveLength(1);
    expect(summary.rows).toBe(14);
    expect(summary.rejected).toEqual([
      { line: 3, reason: 'expected 7 columns, found 6' },
      { line: 4, reason: 'unparseable date "2020-13-45" in column Date' },
      { line: 5, reason: 'unparseable date "yesterday" in column Date' },
      { line: 6, reason: 'non-numeric value "abc" in column Open' },
      { line: 7, reason: 'non-finite value "Infinity" in column High' },
      { line: 8, reason: 'negative value -1 in column Low' },
      { line: 9, reason: 'negative value -5 in column Volume' },
      { line: 10, reason: 'high 1 is below low 2' },
      { line: 11, reason: 'open 3 is above high 2' },
      { line: 12, reason: 'close 0.5 is below low 1' },
      { line: 13, reason: 'no prices for 2020-01-10 (every value is "null", as Yahoo writes for missing days)' },
      { line: 14, reason: 'empty value in column Close' },
      { line: 15, reason: 'zero price in column Open' },
    ]);
  });

  it('lists at most maxRejectedListed rejects but counts them all', async () => {
    const bad = Array.from({ length: 10 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},x,2,1,2,2,1`);
    const { summary } = await parseAll([header, '2021-01-01,1,1,1,1,1,1', ...bad].join('\n'), { maxRejectedListed: 3 });
    expect(summary.rejected).toHaveLength(3);
    expect(summary.rejectedTotal).toBe(10);
  });
});

describe('parseBarsCsv fatal errors', () => {
  it('fails on an empty file and on a header without rows', async () => {
    expect((await fatal('')).message).toMatch(/no data rows/);
    const headerOnly = await fatal('Date,Open,High,Low,Close,Volume\n');
    expect(headerOnly.reason).toMatch(/no data rows/);
    expect(headerOnly.message).toMatch(/^line 1:/);
  });

  it('names the missing columns and the ones it found', async () => {
    const error = await fatal('Date,Open,High,Volume\n2020-01-01,1,2,3\n');
    expect(error.line).toBe(1);
    expect(error.reason).toBe('missing required columns: low, close (found: Date, Open, High, Volume)');
    expect((await fatal('Day,Close\n2020-01-01,1\n')).reason).toMatch(
      /missing required columns: date .*found: Day, Close/,
    );
  });

  it('refuses UTF-16 and UTF-32 files by their byte-order mark', async () => {
    expect((await fatal([new Uint8Array([0xff, 0xfe, 0x44, 0x00])])).reason).toMatch(/UTF-16/);
    expect((await fatal([new Uint8Array([0xfe, 0xff, 0x00, 0x44])])).reason).toMatch(/UTF-16/);
    expect((await fatal([new Uint8Array([0xff, 0xfe, 0x00, 0x00])])).reason).toMatch(/UTF-32/);
  });

  it('refuses bytes that are not UTF-8 and reports their line', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('Date,Close\n2020-01-01,1\n2020-01-02,'), 0xe9, 0x0a]);
    const error = await fatal([latin1]);
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(/not valid UTF-8/);
  });

  it('refuses binary garbage', async () => {
    const garbage = new Uint8Array(256).map((_, i) => (i * 7) % 32);
    expect((await fatal([garbage])).reason).toMatch(/binary data/);
  });
});

describe('parseBarsCsv streaming', () => {
  it('accepts a UTF-8 BOM and reassembles a line and a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('\uFEFFDate,Close,Note\n2020-01-02,1.5,€uro\n2020-01-03,2,ok\n');
    const euro = bytes.indexOf(0xe2);
    const { bars } = await parseAll([
      bytes.slice(0, 20),
      bytes.slice(20, euro + 1),
      bytes.slice(euro + 1, euro + 2),
      bytes.slice(euro + 2),
    ]);
    expect(bars.map((b) => b.close)).toEqual([1.5, 2]);
  });

  it('yields batches of the requested size', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `${1_600_000_000 + i * 60},1,1,1,1,1`);
    const parse = parseBarsCsv(chunks(['timestamp,open,high,low,close,volume', ...lines].join('\n')), {
      batchSize: 10,
    });
    const sizes: number[] = [];
    for await (const batch of parse) sizes.push(batch.length);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('gives the summary only after the last batch', () => {
    expect(() => parseBarsCsv(chunks('Date,Close\n2020-01-01,1\n')).summary).toThrow(/after every batch/);
  });
});
