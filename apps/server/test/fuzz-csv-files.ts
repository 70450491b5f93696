import fc from 'fast-check';
import { INJECTION_STRINGS } from './fuzz-arbitraries';

// Generated CSV files for the importer's fuzz tests (test-only): real headers with mangled rows, hostile fields
// (quotes, unicode, injection strings, huge and non-finite numbers), mixed line endings, BOMs, bytes that are
// not UTF-8, each with cut points to split it into stream chunks.

const HEADERS = [
  'Date,Open,High,Low,Close,Adj Close,Volume',
  'date,open,high,low,close,volume',
  'timestamp,open,high,low,close,volume',
  'open_time,open,high,low,close,volume',
  'Date;Open;High;Low;Close;Volume',
  'datetime,open,high,low,close',
  'Date,Close',
  'time\tprice',
  '"Date","Open","High","Low","Close","Volume"',
];

const numberText = fc.oneof(
  fc.double({ min: 0.0001, max: 1e6, noNaN: true }).map(String),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '0',
    '-1',
    '1e309',
    '-1e309',
    'NaN',
    'Infinity',
    'null',
    '',
    ' ',
    '1,5',
    '"1,000.5"',
    '0x10',
    '1_000',
  ),
);
const plausibleDate = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true });
const dateText = fc.oneof(
  { weight: 3, arbitrary: plausibleDate.map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: plausibleDate.map((d) => d.toISOString()) },
  { weight: 1, arbitrary: plausibleDate.map((d) => String(d.getTime())) },
  { weight: 1, arbitrary: plausibleDate.map((d) => String(Math.floor(d.getTime() / 1000))) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2024-02-30',
      '2024-13-01',
      '0000-00-00',
      '99999-01-01',
      '2024-01-01T25:61:00',
      '1e20',
      '-1',
      '',
    ),
  },
);
const hostileField = fc.oneof(
  fc.constantFrom(...INJECTION_STRINGS.filter((s) => s.length < 200)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('"', '""', '"a""b"', '"unterminated', ',', ';', '\t', '=1+2', '@SUM(A1)', '\r'),
);
/** A bar that should be accepted (low <= open, close <= high), as text in the header's value order. */
const consistentValues = fc
  .tuple(
    fc.double({ min: 0.01, max: 1e5, noNaN: true }),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    fc.nat(1e9),
  )
  .map(([p, [a = 0, b = 0, c = 0, d = 0], volume]) => {
    const low = p * (1 - a / 2);
    const high = p * (1 + b / 2);
    const inside = (t: number) => low + (high - low) * t;
    return [inside(c), high, low, inside(d), volume, volume].map(String);
  });
/** Values for one row: consistent, random numbers, or hostile fields. */
const rowValues = fc.oneof(
  { weight: 4, arbitrary: consistentValues },
  { weight: 2, arbitrary: fc.array(numberText, { minLength: 6, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(numberText, hostileField), { minLength: 6, maxLength: 6 }) },
);
const row = fc.record({
  date: fc.oneof({ weight: 8, arbitrary: dateText }, { weight: 1, arbitrary: hostileField }),
  values: rowValues,
  /** Usually the header's column count; now and then one too few or too many. */
  skew: fc.oneof({ weight: 10, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }),
});
const noGarbage = fc.constant(null);
const garbageBytes = fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }));

/** A generated file as bytes, with how to cut it into chunks. */
export const csvFile = fc
  .record({
    bom: fc.boolean(),
    header: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...HEADERS) }, { weight: 1, arbitrary: hostileField }),
    otherDelimiter: fc.oneof(
      { weight: 8, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(',', ';', '\t') },
    ),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    rows: fc.array(row, { maxLength: 25 }),
    trailing: fc.boolean(),
    garbage: fc.oneof({ weight: 6, arbitrary: noGarbage }, { weight: 1, arbitrary: garbageBytes }),
    cuts: fc.array(fc.nat(), { maxLength: 6 }),
  })
  .map(({ bom, header, otherDelimiter, eol, rows, trailing, garbage, cuts }) => {
    const delimiter = otherDelimiter ?? (header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',');
    const valueCount = header.split(delimiter).length - 1;
    const lines = [
      header,
      ...rows.map((r) => [r.date, ...r.values.slice(0, Math.max(0, valueCount + r.skew))].join(delimiter)),
    ];
    let bytes = new TextEncoder().encode(`${bom ? '\ufeff' : ''}${lines.join(eol)}${trailing ? eol : ''}`);
    if (garbage) {
      const at = garbage[0] % (bytes.length + 1);
      bytes = new Uint8Array([...bytes.subarray(0, at), ...garbage[1], ...bytes.subarray(at)]);
    }
    return { bytes, cuts };
  });
export const randomBytes = fc.record({
  bytes: fc.uint8Array({ maxLength: 600 }),
  cuts: fc.array(fc.nat(), { maxLength: 4 }),
});
