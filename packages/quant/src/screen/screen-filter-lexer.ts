import { ScreenFilterError } from './screen-filter.error';

export interface FilterToken {
  kind: 'number' | 'string' | 'name' | 'op' | 'punct' | 'end';
  /** The text as written (a string token: its value, unquoted). */
  text: string;
  /** A number token's value, its % suffix applied (15% = 0.15). */
  value: number;
  /** 0-based offset of the first character. */
  position: number;
}

// A sign belongs to the number: there is no arithmetic, so `ret3m > -5%` has no other reading.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['>=', '<=', '!=', '==', '>', '<', '='] as const;
const PUNCTUATION = new Set(['(', ')', ',']);

/** How a token is named in an error message: its text in double quotes, or "the end of the filter". */
export function describeToken(t: FilterToken): string {
  if (t.kind === 'end') return 'the end of the filter';
  if (t.kind === 'string') return JSON.stringify(t.text);
  return `"${t.text}"`;
}

/** Splits a filter into tokens; the last is always `end`. `==` reads as `=`. */
export function tokenizeFilter(text: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const rest = text.slice(i);
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push(numberToken(number[0], i));
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], value: Number.NaN, position: i });
      i += name[0].length;
      continue;
    }
    if (ch === '"') {
      const [value, length] = readString(text, i);
      tokens.push({ kind: 'string', text: value, value: Number.NaN, position: i });
      i += length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op, value: Number.NaN, position: i });
      i += op.length;
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: 'punct', text: ch, value: Number.NaN, position: i });
      i += 1;
      continue;
    }
    const expected =
      ch === "'"
        ? 'a text in double quotes (")'
        : ch === '&' || ch === '|'
          ? '"and" or "or"'
          : 'a field name, a number, a text in double quotes, an operator or a bracket';
    throw new ScreenFilterError(i, expected, `"${ch}"`);
  }
  tokens.push({ kind: 'end', text: '', value: Number.NaN, position: text.length });
  return tokens;
}

function numberToken(text: string, position: number): FilterToken {
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  if (!Number.isFinite(value)) throw new ScreenFilterError(position, 'a finite number', `"${text}"`);
  // value / 100, not value * 0.01: 15% must be the same double as 0.15.
  return { kind: 'number', text, value: percent ? value / 100 : value, position };
}

/** A double-quoted text from `start`; backslash escapes a quote or a backslash. Returns [value, length]. */
function readString(text: string, start: number): [string, number] {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return [value, i - start + 1];
    if (ch === '\\' && i + 1 < text.length) {
      i += 1;
      value += text[i]!;
    } else value += ch;
  }
  throw new ScreenFilterError(
    text.length,
    `a closing double quote for the text opened at ${start}`,
    'the end of the filter',
  );
}
