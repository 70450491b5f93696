import { describe, expect, it } from 'vitest';
import { groupProblems, ruleErrorSpan } from './strategy-problems';

// Problems as POST /strategies/validate sends them.
const problems = [
  {
    path: 'entry',
    message: "column 30: unknown indicator 'smaa'; known: crosses_above, ema, sma",
    position: 29,
  },
  { path: 'exit', message: "column 11: expected ',' or ')', found '14'", position: 10 },
  { path: 'stopLossPct', message: 'Too big: expected number to be <1' },
  { path: 'name', message: 'Invalid input: expected string, received undefined' },
  { path: 'name', message: 'a second problem of the same field' },
  { path: '(document)', message: 'Unrecognized key: "extra"' },
];

describe('groupProblems', () => {
  it('puts rule problems on their rule with the column, field problems in words by the form’s labels', () => {
    const grouped = groupProblems(problems);
    expect(grouped.rules.entry).toEqual({
      message: "Column 30: unknown indicator 'smaa'; known: crosses_above, ema, sma.",
      position: 29,
    });
    expect(grouped.rules.exit?.position).toBe(10);
    expect(grouped.fields.name, 'the first problem of a field').toBe('Name is required.');
    expect(grouped.general).toEqual(['Unrecognized key: "extra".']);
  });

  it('says a limit of a field typed in percent in percent', () => {
    expect(groupProblems(problems).fields.stopLossPct).toBe('Stop loss must be less than 100%.');
    expect(groupProblems([{ path: 'fees.rate', message: 'Too big: expected number to be <0.1' }]).fields.feePct).toBe(
      'Fee per side must be less than 10%.',
    );
  });

  it('keeps a rule problem without a position (an empty rule) on its rule', () => {
    const grouped = groupProblems([{ path: 'entry', message: 'write a rule, e.g. "rsi(close, 14) < 30"' }]);
    expect(grouped.rules.entry).toEqual({ message: 'Write a rule, e.g. "rsi(close, 14) < 30".', position: undefined });
  });
});

describe('ruleErrorSpan', () => {
  const text = 'crosses_above(ema(close, 5), smaa(close, 20))';

  it('underlines the whole word at the position', () => {
    const span = ruleErrorSpan(text, 29);
    expect(text.slice(span.start, span.end)).toBe('smaa');
  });

  it('underlines one character for punctuation, and marks the end for an unexpected end of the rule', () => {
    expect(ruleErrorSpan('rsi(close 14)', 9)).toEqual({ start: 9, end: 10 });
    expect(ruleErrorSpan('rsi(close, 14', 13)).toEqual({ start: 13, end: 13 });
    expect(ruleErrorSpan('abc', 99), 'a position past the end is clamped').toEqual({ start: 3, end: 3 });
  });
});
