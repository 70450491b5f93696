import { suggestName } from './field-suggestion';
import { NUMBER_OPS, type NumberOp, type ScreenFilter } from './screen-filter-ast';
import { ScreenFilterError } from './screen-filter.error';
import { describeToken, tokenizeFilter, type FilterToken } from './screen-filter-lexer';
import { fieldMap, SCREEN_FIELDS, type ScreenField } from './screen-fields';

const KEYWORDS = new Set(['and', 'or', 'not', 'between', 'in', 'is', 'null']);
const isKeyword = (t: FilterToken, word: string): boolean => t.kind === 'name' && t.text.toLowerCase() === word;
const isNumberOp = (text: string): text is NumberOp => (NUMBER_OPS as readonly string[]).includes(text);
const TEXT_TESTS = '"=", "!=", "in", "not in" or "is null"';
const NUMBER_TESTS = '">", ">=", "<", "<=", "=", "!=", "between", "not between" or "is null"';

/**
 * Parses a screen filter (docs/screener.md, "Filter language"); throws ScreenFilterError with the position.
 * The empty (or blank) filter is `{ type: 'all' }`. Grammar, loosest first:
 *   filter    := or | (nothing)
 *   or        := and ('or' and)*
 *   and       := unary ('and' unary)*
 *   unary     := 'not' unary | '(' or ')' | condition
 *   condition := numberField (op number | 'not'? 'between' number 'and' number | 'is' 'not'? 'null')
 *              | textField (('=' | '!=') text | 'not'? 'in' '(' text (',' text)* ')' | 'is' 'not'? 'null')
 * Keywords in any case; field names exactly as in `fields`. Numbers may have an exponent and a % suffix.
 */
export function parseScreenFilter(source: string, fields: readonly ScreenField[] = SCREEN_FIELDS): ScreenFilter {
  const tokens = tokenizeFilter(source);
  const byName = fieldMap(fields);
  let at = 0;
  const peek = (): FilterToken => tokens[at]!;
  const next = (): FilterToken => tokens[at++]!;
  const fail = (expected: string, t: FilterToken = peek()): never => {
    throw new ScreenFilterError(t.position, expected, describeToken(t));
  };
  const punct = (p: string): boolean => peek().kind === 'punct' && peek().text === p;

  function parseOr(): ScreenFilter {
    let left = parseAnd();
    while (isKeyword(peek(), 'or')) {
      const { position } = next();
      left = { type: 'or', left, right: parseAnd(), position };
    }
    return left;
  }

  function parseAnd(): ScreenFilter {
    let left = parseUnary();
    while (isKeyword(peek(), 'and')) {
      const { position } = next();
      left = { type: 'and', left, right: parseUnary(), position };
    }
    return left;
  }

  function parseUnary(): ScreenFilter {
    if (isKeyword(peek(), 'not')) {
      const { position } = next();
      return { type: 'not', operand: parseUnary(), position };
    }
    if (punct('(')) {
      next();
      const inner = parseOr();
      if (!punct(')')) fail('")", "and" or "or"');
      next();
      return inner;
    }
    return parseCondition();
  }

  function parseField(): ScreenField {
    const t = peek();
    if (t.kind !== 'name' || KEYWORDS.has(t.text.toLowerCase())) return fail('a field name, "not" or "("');
    const field = byName.get(t.text);
    if (field === undefined) {
      throw new ScreenFilterError(t.position, 'a field name', describeToken(t), suggestName(t.text, byName.keys()));
    }
    next();
    return field;
  }

  function parseCondition(): ScreenFilter {
    const position = peek().position;
    const field = parseField();
    const name = field.name;
    if (isKeyword(peek(), 'is')) {
      next();
      const negated = isKeyword(peek(), 'not');
      if (negated) next();
      if (!isKeyword(peek(), 'null')) fail(negated ? '"null" after "is not"' : '"null" or "not null" after "is"');
      next();
      return { type: 'null', field: name, negated, position };
    }
    return field.type === 'number' ? parseNumberTest(name, position) : parseTextTest(name, position);
  }

  function parseNumberTest(field: string, position: number): ScreenFilter {
    const t = peek();
    if (t.kind === 'op' && isNumberOp(t.text)) {
      next();
      return { type: 'compare', field, op: t.text, value: number(`a number after "${t.text}"`), position };
    }
    const negated = isKeyword(t, 'not');
    if (negated) next();
    if (!isKeyword(peek(), 'between')) {
      return fail(negated ? '"between" after "not" (a number field)' : `${NUMBER_TESTS} after number field "${field}"`);
    }
    next();
    const low = number('a number after "between"');
    if (!isKeyword(peek(), 'and')) fail(`"and" after "between ${low}"`);
    next();
    const highToken = peek();
    const high = number(`a number after "between ${low} and"`);
    if (high < low) fail(`a number >= ${low} (between low and high)`, highToken);
    return { type: 'between', field, low, high, negated, position };
  }

  function parseTextTest(field: string, position: number): ScreenFilter {
    const t = peek();
    if (t.kind === 'op' && (t.text === '=' || t.text === '!=')) {
      next();
      return {
        type: 'in',
        field,
        values: [text(`a text in double quotes after "${t.text}"`)],
        negated: t.text === '!=',
        position,
      };
    }
    const negated = isKeyword(t, 'not');
    if (negated) next();
    if (!isKeyword(peek(), 'in')) {
      return fail(negated ? '"in" after "not" (a text field)' : `${TEXT_TESTS} after text field "${field}"`);
    }
    next();
    if (!punct('(')) fail('"(" after "in"');
    next();
    const values = [text('a text in double quotes')];
    while (punct(',')) {
      next();
      values.push(text('a text in double quotes after ","'));
    }
    if (!punct(')')) fail('"," or ")"');
    next();
    return { type: 'in', field, values, negated, position };
  }

  function number(expected: string): number {
    const t = peek();
    if (t.kind !== 'number') return fail(expected);
    next();
    return t.value;
  }

  function text(expected: string): string {
    const t = peek();
    if (t.kind !== 'string') return fail(expected);
    next();
    return t.text;
  }

  if (peek().kind === 'end') return { type: 'all' };
  const filter = parseOr();
  if (peek().kind !== 'end') fail('"and", "or" or the end of the filter');
  return filter;
}
