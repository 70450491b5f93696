import { COMPARISON_OPS, type ArithmeticOp, type ComparisonOp, type LogicalOp, type RuleNode } from './rule-ast';
import { RuleSyntaxError } from './rule-errors';
import { tokenizeRule, type Token } from './rule-lexer';

/** Longest history a rule may look back with `x[n]` (a day of 1-minute bars and then some). */
export const MAX_OFFSET_BARS = 2000;

const isComparison = (text: string): text is ComparisonOp => (COMPARISON_OPS as readonly string[]).includes(text);
const keyword = (t: Token, word: string) => t.kind === 'name' && t.text.toLowerCase() === word;
const KEYWORDS = ['and', 'or', 'not'];

function describe(t: Token): string {
  if (t.kind === 'end') return 'end of rule';
  return `'${t.text}'`;
}

/**
 * Recursive descent over the grammar (loosest first):
 *   rule       := or
 *   or         := and ('or' and)*
 *   and        := not ('and' not)*
 *   not        := 'not' not | comparison
 *   comparison := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?     (no chains: a < b < c is an error)
 *   sum        := product (('+' | '-') product)*
 *   product    := unary (('*' | '/') unary)*
 *   unary      := '-' unary | postfix
 *   postfix    := primary ('.' name | '[' integer ']')*
 *   primary    := number | name | name '(' (rule (',' rule)*)? ')' | '(' rule ')'
 */
export function parseRule(text: string): RuleNode {
  const tokens = tokenizeRule(text);
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const fail = (expected: string): never => {
    throw new RuleSyntaxError(peek().position, expected, describe(peek()));
  };
  const expectPunct = (p: string): Token => (peek().kind === 'punct' && peek().text === p ? next() : fail(`'${p}'`));

  function parseOr(): RuleNode {
    let left = parseAnd();
    while (keyword(peek(), 'or')) {
      const op = next();
      left = logical('or', left, parseAnd(), op.position);
    }
    return left;
  }

  function parseAnd(): RuleNode {
    let left = parseNot();
    while (keyword(peek(), 'and')) {
      const op = next();
      left = logical('and', left, parseNot(), op.position);
    }
    return left;
  }

  function parseNot(): RuleNode {
    if (keyword(peek(), 'not')) {
      const t = next();
      return { type: 'not', operand: parseNot(), position: t.position };
    }
    return parseComparison();
  }

  function parseComparison(): RuleNode {
    const left = parseSum();
    const t = peek();
    if (t.kind !== 'op' || !isComparison(t.text)) return left;
    next();
    const right = parseSum();
    const after = peek();
    if (after.kind === 'op' && isComparison(after.text)) {
      throw new RuleSyntaxError(after.position, "'and' between two comparisons (a < b and b < c)", describe(after));
    }
    return { type: 'comparison', op: t.text, left, right, position: left.position };
  }

  function parseSum(): RuleNode {
    let left = parseProduct();
    while (peek().kind === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = next().text as ArithmeticOp;
      left = { type: 'arithmetic', op, left, right: parseProduct(), position: left.position };
    }
    return left;
  }

  function parseProduct(): RuleNode {
    let left = parseUnary();
    while (peek().kind === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = next().text as ArithmeticOp;
      left = { type: 'arithmetic', op, left, right: parseUnary(), position: left.position };
    }
    return left;
  }

  function parseUnary(): RuleNode {
    if (peek().kind === 'op' && peek().text === '-') {
      const t = next();
      return { type: 'negate', operand: parseUnary(), position: t.position };
    }
    return parsePostfix();
  }

  function parsePostfix(): RuleNode {
    let node = parsePrimary();
    for (;;) {
      const t = peek();
      if (t.kind === 'punct' && t.text === '.') {
        next();
        const field = peek();
        if (field.kind !== 'name') fail("a field name after '.'");
        next();
        node = { type: 'field', target: node, field: field.text, position: field.position };
      } else if (t.kind === 'punct' && t.text === '[') {
        next();
        const n = peek();
        if (n.kind !== 'number' || !Number.isInteger(n.value) || n.value < 0 || n.value > MAX_OFFSET_BARS) {
          fail(`a whole number of bars from 0 to ${MAX_OFFSET_BARS}`);
        }
        next();
        expectPunct(']');
        node = { type: 'offset', target: node, bars: n.value, position: t.position };
      } else {
        return node;
      }
    }
  }

  function parsePrimary(): RuleNode {
    const t = peek();
    if (t.kind === 'number') {
      next();
      return { type: 'number', value: t.value, position: t.position };
    }
    if (t.kind === 'punct' && t.text === '(') {
      next();
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (t.kind === 'name' && !KEYWORDS.includes(t.text.toLowerCase())) {
      next();
      if (peek().kind === 'punct' && peek().text === '(') {
        next();
        const args: RuleNode[] = [];
        if (!(peek().kind === 'punct' && peek().text === ')')) {
          args.push(parseOr());
          while (peek().kind === 'punct' && peek().text === ',') {
            next();
            args.push(parseOr());
          }
        }
        if (!(peek().kind === 'punct' && peek().text === ')')) fail("',' or ')'");
        next();
        return { type: 'call', name: t.text, args, position: t.position };
      }
      return { type: 'name', name: t.text, position: t.position };
    }
    return fail("a number, a series, an indicator call or '('");
  }

  const rule = parseOr();
  if (peek().kind !== 'end') fail("an operator, 'and', 'or' or the end of the rule");
  return rule;
}

function logical(op: LogicalOp, left: RuleNode, right: RuleNode, position: number): RuleNode {
  return { type: 'logical', op, left, right, position };
}
