// How a screen value reads in the table, the drawer and the builder: fractions as percentages (signed and
// coloured when they are a change), dollars with B/M, volumes compact, oscillators plain. The catalog's `unit`
// decides; a field without one is read by its name, so a new metric still shows sensibly.

export interface FieldFormatInfo {
  name: string;
  type?: 'number' | 'text';
  unit?: string;
}

export type ValueKind =
  'signedPercent' | 'percent' | 'money' | 'price' | 'compact' | 'multiple' | 'ratio' | 'points' | 'plain' | 'text';
export type ValueTone = 'up' | 'down' | null;

export interface FormattedValue {
  text: string;
  tone: ValueTone;
}

const PERCENT_UNITS = new Set(['fraction', 'percent', 'pct', '%', 'ratio_pct', 'share', 'probability']);
const MONEY_UNITS = new Set(['usd', '$', 'dollars', 'money']);
const COUNT_UNITS = new Set(['shares', 'count', 'volume', 'units']);
const MULTIPLE_UNITS = new Set(['x', 'multiple', 'times']);
/** Valuation ratios (P/E) read as plain numbers; volume ratios as multiples. */
const MULTIPLE_NAME = /^relVol$|Vol(ume)?Ratio$/;

/** A fraction that is a change (returns, distances, growth): shown with its sign and in colour. */
const CHANGE_NAME = /^(ret|rs)\d|Dist$|growth|Growth|^change/;
/** Fractions that are sizes (volatility, drawdown, probability): no sign, no colour. */
const SIZE_NAME = /^(vol\d|atr|maxDd|regimeProb|prob)|Pct$|margin|Margin|shortInterest|float/i;

export function valueKind(field: FieldFormatInfo): ValueKind {
  if (field.type === 'text') return 'text';
  const unit = field.unit?.trim().toLowerCase();
  const { name } = field;
  if (unit && PERCENT_UNITS.has(unit))
    return CHANGE_NAME.test(name) && !SIZE_NAME.test(name) ? 'signedPercent' : 'percent';
  if (unit && MONEY_UNITS.has(unit)) return /cap|revenue|value|ev$/i.test(name) ? 'money' : 'price';
  if (unit && COUNT_UNITS.has(unit)) return 'compact';
  if (unit && MULTIPLE_UNITS.has(unit)) return 'multiple';
  if (unit === 'ratio') return MULTIPLE_NAME.test(name) ? 'multiple' : 'ratio';
  if (unit === 'points') return 'points';
  if (unit) return 'plain';
  // No unit: the name says what it is.
  if (name === 'marketCap' || /revenue$/i.test(name)) return 'money';
  if (/^(price|close|lastSale)$/.test(name)) return 'price';
  if (/^avgVol|volume$|^float/i.test(name)) return 'compact';
  if (MULTIPLE_NAME.test(name)) return 'multiple';
  if (/^rsi\d|^score$/.test(name)) return 'points';
  if (CHANGE_NAME.test(name)) return 'signedPercent';
  if (SIZE_NAME.test(name)) return 'percent';
  return 'plain';
}

const signedPercent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1_234_000_000 -> "1.23B", 456_700_000 -> "457M", 12_300 -> "12.3K": three significant digits, as Finviz reads. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  for (const [size, suffix] of [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ] as const) {
    if (abs >= size * 0.9995) return `${sign}${threeDigits(abs / size)}${suffix}`;
  }
  return `${sign}${abs >= 100 ? Math.round(abs) : threeDigits(abs)}`;
}

function threeDigits(value: number): string {
  if (value >= 100) return String(Math.round(value));
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, '');
  return value.toFixed(2).replace(/\.?0+$/, '');
}

/** A screen value in words; "—" for null (too little history is never a zero). */
export function formatScreenValue(field: FieldFormatInfo, value: number | string | null | undefined): FormattedValue {
  if (value === null || value === undefined || value === '') return { text: '—', tone: null };
  if (typeof value === 'string') return { text: value, tone: null };
  if (!Number.isFinite(value)) return { text: String(value), tone: null };
  switch (valueKind(field)) {
    case 'signedPercent':
      return { text: signedPercent.format(value), tone: value > 0 ? 'up' : value < 0 ? 'down' : null };
    case 'percent':
      return { text: percent.format(value), tone: null };
    case 'money':
      return { text: `$${formatCompact(value)}`, tone: null };
    case 'price':
      return { text: `$${twoDecimals.format(value)}`, tone: null };
    case 'compact':
      return { text: formatCompact(value), tone: null };
    case 'multiple':
      return { text: `${twoDecimals.format(value)}×`, tone: null };
    case 'ratio':
      return { text: Math.abs(value) >= 1e4 ? formatCompact(value) : twoDecimals.format(value), tone: null };
    case 'points':
      return { text: oneDecimal.format(value), tone: null };
    default:
      return { text: formatPlain(value), tone: null };
  }
}

/** Integers whole, small numbers to 2 decimals, tiny ones to 3 significant digits. */
function formatPlain(value: number): string {
  if (Number.isInteger(value)) return Math.abs(value) >= 1e6 ? formatCompact(value) : String(value);
  const abs = Math.abs(value);
  if (abs >= 1e6) return formatCompact(value);
  if (abs >= 0.01) return twoDecimals.format(value);
  return value.toPrecision(3);
}

/** The unit next to a field's name in the builder and the column header's tooltip. */
export function unitHint(field: FieldFormatInfo): string | null {
  switch (valueKind(field)) {
    case 'signedPercent':
    case 'percent':
      return '%';
    case 'money':
    case 'price':
      return '$';
    case 'multiple':
      return '×';
    default:
      return null;
  }
}
