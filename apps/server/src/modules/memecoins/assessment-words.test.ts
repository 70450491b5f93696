import { FLAG_CODE_VALUES } from '@marketlens/contracts';
import { FLAG_CODES, makeFlag, type FlagCode, type FlagLevel } from '@marketlens/quant';
import { describe, expect, it } from 'vitest';
import { describeAssessmentChange } from './assessment-words';

const flag = (code: FlagCode, level: FlagLevel, transactions: string[] = []) =>
  makeFlag(code, level, `${code} ${level}`, { transactions }, 50);

describe('describeAssessmentChange', () => {
  it('names new, cleared, raised and lowered flags and leads with the score change', () => {
    const previous = {
      id: 'a1',
      riskScore: 40,
      flags: [flag('WASH_CYCLE', 'warn'), flag('TRANSFER_BURST', 'warn'), flag('MINT_EVENT', 'danger')],
    };
    const current = {
      riskScore: 72,
      flags: [flag('WASH_CYCLE', 'danger'), flag('MINT_EVENT', 'warn'), flag('PUMP_PATTERN', 'danger')],
    };
    const diff = describeAssessmentChange(previous, current);
    expect(diff).toMatchObject({ previousId: 'a1', previousScore: 40, scoreChange: 32 });
    expect(diff.changes.map((c) => [c.code, c.change, c.from, c.to])).toEqual([
      ['PUMP_PATTERN', 'new', null, 'danger'],
      ['WASH_CYCLE', 'raised', 'warn', 'danger'],
      ['MINT_EVENT', 'lowered', 'danger', 'warn'],
      ['TRANSFER_BURST', 'cleared', 'warn', null],
    ]);
    expect(diff.summary).toBe(
      'Score 40 -> 72 (+32): new PUMP_PATTERN (danger); WASH_CYCLE warn -> danger; MINT_EVENT danger -> warn; TRANSFER_BURST cleared.',
    );
  });

  it('mentions new evidence of a flag that stayed, and says when nothing changed', () => {
    const before = { id: 'a1', riskScore: 30, flags: [flag('WHALE_TRANSFER', 'danger', ['0x1'])] };
    const more = describeAssessmentChange(before, {
      riskScore: 30,
      flags: [flag('WHALE_TRANSFER', 'danger', ['0x1', '0x2'])],
    });
    expect(more.summary).toBe('Score unchanged at 30: 1 new transaction in WHALE_TRANSFER.');
    expect(more.changes).toEqual([]);
    const same = describeAssessmentChange(before, { riskScore: 30, flags: before.flags });
    expect(same.summary).toBe('Score unchanged at 30; no flag changed.');
  });

  it('describes a first assessment by its score and alarms (info flags do not count)', () => {
    const diff = describeAssessmentChange(null, {
      riskScore: 20,
      flags: [flag('MINT_EVENT', 'info'), flag('TRANSFER_BURST', 'danger')],
    });
    expect(diff).toMatchObject({ previousId: null, previousScore: null, scoreChange: null });
    expect(diff.summary).toBe('First assessment: score 20 with 1 alarm.');
    expect(diff.changes.map((c) => c.change)).toEqual(['new', 'new']);
  });

  it('uses the same flag codes as the API contract (contracts cannot import quant)', () => {
    expect([...FLAG_CODE_VALUES]).toEqual([...FLAG_CODES]);
  });
});
