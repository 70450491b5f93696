import { valueKind, type FieldFormatInfo } from './format-value';

// The filter builder writes clauses of the screen language into the text form: the text stays the one truth,
// the builder only saves typing (and the unit conversions: 15% is 0.15, 300M is 3e8).

export const NUMBER_OPERATORS = ['>', '>=', '<', '<=', 'between'] as const;
export const TEXT_OPERATORS = ['in', 'not in'] as const;
export type ClauseOperator = (typeof NUMBER_OPERATORS)[number] | (typeof TEXT_OPERATORS)[number];

const SUFFIX: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/**
 * A number as the user types it for a field: "15" or "15%" on a percentage field is 0.15, "300M" is 3e8, "1.2B"
 * 1.2e9. Null when it is not a number.
 */
export function parseFieldNumber(field: FieldFormatInfo, text: string): number | null {
  const match = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([kmbt%])?\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  const suffix = match[2]?.toLowerCase();
  const kind = valueKind(field);
  if (suffix === '%' || (!suffix && (kind === 'percent' || kind === 'signedPercent'))) return round(value / 100);
  return suffix ? round(value * SUFFIX[suffix]!) : value;
}

/** Removes the float noise of a unit conversion (0.15000000000000002). */
const round = (v: number) => Number(v.toPrecision(12));

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export interface ClauseInput {
  field: FieldFormatInfo;
  operator: ClauseOperator;
  /** One value, or the two ends of `between`; for in / not in, comma-separated texts. */
  values: readonly string[];
}

/** The clause in the screen language, or the reason it cannot be written yet. */
export function buildClause({ field, operator, values }: ClauseInput): { clause: string } | { problem: string } {
  if (operator === 'in' || operator === 'not in') {
    const items = (values[0] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 0) return { problem: 'Name at least one value.' };
    return { clause: `${field.name} ${operator} (${items.map(quote).join(', ')})` };
  }
  const numbers = values.slice(0, operator === 'between' ? 2 : 1).map((v) => parseFieldNumber(field, v));
  if (numbers.length === 0 || numbers.some((n) => n === null)) return { problem: 'Enter a number (15%, 300M, 1.2B).' };
  const [a, b] = numbers as number[];
  const write = literalFor(field);
  if (operator === 'between') {
    if (b === undefined) return { problem: 'Enter both ends.' };
    return { clause: `${field.name} between ${write(Math.min(a!, b))} and ${write(Math.max(a!, b))}` };
  }
  return { clause: `${field.name} ${operator} ${write(a!)}` };
}

/** Numbers as the language reads them best: percentages with %, big round numbers with an exponent (3e8). */
function literalFor(field: FieldFormatInfo): (value: number) => string {
  const kind = valueKind(field);
  if (kind === 'percent' || kind === 'signedPercent') return (v) => `${round(v * 100)}%`;
  return (v) => {
    if (Math.abs(v) < 1e6 || !Number.isInteger(v)) return String(v);
    const [mantissa, exponent] = v.toExponential().split('e');
    return `${mantissa}e${Number(exponent)}`;
  };
}

/** The filter with one more clause joined by `and`; a filter with a top-level `or` is bracketed first. */
export function appendClause(filter: string, clause: string): string {
  const current = filter.trim();
  if (current === '') return clause;
  return /\bor\b/i.test(current) ? `(${current}) and ${clause}` : `${current} and ${clause}`;
}
