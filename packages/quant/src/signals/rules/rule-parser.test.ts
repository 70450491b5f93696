import { describe, expect, it } from 'vitest';
import type { RuleNode } from './rule-ast';
import { RuleSyntaxError } from './rule-errors';
import { MAX_OFFSET_BARS, parseRule } from './rule-parser';

/** A compact rendering of the tree, fully parenthesised, to state precedence plainly. */
function show(n: RuleNode): string {
  switch (n.type) {
    case 'number':
      return String(n.value);
    case 'name':
      return n.name;
    case 'call':
      return `${n.name}(${n.args.map(show).join(', ')})`;
    case 'field':
      return `${show(n.target)}.${n.field}`;
    case 'offset':
      return `${show(n.target)}[${n.bars}]`;
    case 'negate':
      return `(-${show(n.operand)})`;
    case 'not':
      return `(not ${show(n.operand)})`;
    default:
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
  }
}

const syntaxError = (text: string): RuleSyntaxError => {
  try {
    parseRule(text);
  } catch (err) {
    if (err instanceof RuleSyntaxError) return err;
    throw err;
  }
  throw new Error(`"${text}" parsed, but a syntax error was expected`);
};

describe('parseRule', () => {
  it('parses the example strategy rules', () => {
    expect(show(parseRule('rsi(close, 14) < 30 and close > ema(close, 200)'))).toBe(
      '((rsi(close, 14) < 30) and (close > ema(close, 200)))',
    );
    expect(show(parseRule('rsi(close, 14) > 70'))).toBe('(rsi(close, 14) > 70)');
  });

  it('binds or < and < not < comparison < + - < * / < unary minus < field and offset', () => {
    expect(show(parseRule('a or b and c'))).toBe('(a or (b and c))');
    expect(show(parseRule('not a > 1 and b < 2'))).toBe('((not (a > 1)) and (b < 2))');
    expect(show(parseRule('a + b * c - d / e >= 0'))).toBe('(((a + (b * c)) - (d / e)) >= 0)');
    expect(show(parseRule('-close[1] * 2'))).toBe('((-close[1]) * 2)');
    expect(show(parseRule('(a + b) * c'))).toBe('((a + b) * c)');
    expect(show(parseRule('macd(close,12,26,9).hist[2] > 0'))).toBe('(macd(close, 12, 26, 9).hist[2] > 0)');
    expect(show(parseRule('a - b - c'))).toBe('((a - b) - c)');
  });

  it('reads keywords in any case and numbers in decimal and exponent forms', () => {
    expect(show(parseRule('A AND b Or NOT c'))).toBe('((A and b) or (not c))');
    expect(show(parseRule('x > .5 and y < 1e-3 and z == 2.'))).toBe('(((x > 0.5) and (y < 0.001)) and (z == 2))');
  });

  it('parses calls with no arguments, nested calls and crosses', () => {
    expect(show(parseRule('crosses_above(ema(close, 9), ema(close, 21))'))).toBe(
      'crosses_above(ema(close, 9), ema(close, 21))',
    );
    expect(show(parseRule('obv() > obv()[5]'))).toBe('(obv() > obv()[5])');
  });

  it('keeps the position of every node', () => {
    const rule = parseRule('close > ema(close, 200)');
    expect(rule).toMatchObject({ type: 'comparison', position: 0, right: { type: 'call', position: 8 } });
  });

  it('names the column and the expected token of a syntax error', () => {
    expect(syntaxError('rsi(close, 14) < ').message).toBe(
      "column 18: expected a number, a series, an indicator call or '(', found end of rule",
    );
    expect(syntaxError('rsi(close 14) < 30')).toMatchObject({ position: 10, expected: "',' or ')'", found: "'14'" });
    expect(syntaxError('close > 1 2')).toMatchObject({ position: 10, found: "'2'" });
    expect(syntaxError('(close > 1')).toMatchObject({ position: 10, expected: "')'", found: 'end of rule' });
    expect(syntaxError('close $ 1')).toMatchObject({ position: 6, found: "'$'" });
    expect(syntaxError('close = 1').expected).toMatch(/'=='/);
    expect(syntaxError('close > 1 && open < 2').expected).toMatch(/'and'/);
    expect(syntaxError('a < b < c')).toMatchObject({ position: 6, found: "'<'" });
    expect(syntaxError('macd(close,12,26,9). > 1')).toMatchObject({ position: 21, expected: "a field name after '.'" });
    expect(syntaxError('and close > 1')).toMatchObject({ position: 0, found: "'and'" });
    expect(syntaxError('')).toMatchObject({ position: 0, found: 'end of rule' });
  });

  it('accepts offsets from 0 to the maximum and rejects fractions, negatives and larger ones', () => {
    expect(show(parseRule(`close[0] > close[${MAX_OFFSET_BARS}]`))).toBe(`(close[0] > close[${MAX_OFFSET_BARS}])`);
    for (const bad of ['close[1.5]', 'close[-1]', `close[${MAX_OFFSET_BARS + 1}]`, 'close[x]']) {
      expect(syntaxError(bad).expected, bad).toMatch(/whole number of bars/);
    }
    expect(syntaxError('close[1').expected).toBe("']'");
  });
});
