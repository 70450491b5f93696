import { RuleSyntaxError } from './rule-errors';

export const TOKEN_KINDS = ['number', 'name', 'op', 'punct', 'end'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface Token {
  kind: TokenKind;
  /** The text as written; keywords (`and or not`) are names with their text lower-cased. */
  text: string;
  /** Numeric value of a number token. */
  value: number;
  /** 0-based offset of the first character. */
  position: number;
}

const OPERATORS = ['<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/'] as const;
const PUNCTUATION = new Set(['(', ')', ',', '.', '[', ']']);
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits a rule into tokens; the last is always `end`. An unknown character is a syntax error at its column. */
export function tokenizeRule(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
      continue;
    }
    const rest = text.slice(i);
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), position: i });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], value: Number.NaN, position: i });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op, value: Number.NaN, position: i });
      i += op.length;
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: 'punct', text: ch, value: Number.NaN, position: i });
      i += 1;
      continue;
    }
    const hint = ch === '=' ? "'==' (comparison) " : ch === '&' || ch === '|' ? "'and' / 'or' " : '';
    throw new RuleSyntaxError(i, `${hint}a number, a name, an operator or a bracket`, `'${ch}'`);
  }
  tokens.push({ kind: 'end', text: '', value: Number.NaN, position: text.length });
  return tokens;
}
