import { describe, expect, it } from 'vitest';
import { changeWords, scoreChangeWords } from './diff-words';

const change = (kind: 'new' | 'cleared' | 'raised' | 'lowered', from: 'warn' | null, to: 'danger' | null) => ({
  code: 'WASH_CYCLE' as const,
  change: kind,
  from,
  to,
  message: 'm',
});

describe('changeWords', () => {
  it('gives a new flag its level and a cleared one the level it had', () => {
    expect(changeWords(change('new', null, 'danger'))).toEqual({ label: 'new (danger)', tone: 'danger' });
    expect(changeWords(change('cleared', 'warn', null))).toEqual({ label: 'cleared (was warn)', tone: 'success' });
  });

  it('shows both levels of a raised or lowered flag, riskier in red', () => {
    expect(changeWords(change('raised', 'warn', 'danger'))).toEqual({ label: 'raised warn → danger', tone: 'danger' });
    expect(changeWords(change('lowered', 'warn', 'danger')).tone).toBe('success');
  });
});

describe('scoreChangeWords', () => {
  it('signs the change and has nothing for a first assessment', () => {
    expect([37, -5, 0, null].map(scoreChangeWords)).toEqual(['+37', '−5', '±0', null]);
  });
});
