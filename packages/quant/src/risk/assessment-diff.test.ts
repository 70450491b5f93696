import { describe, expect, it } from 'vitest';
import { diffAssessments } from './assessment-diff';
import { makeFlag } from './risk-flag';

const wash = makeFlag('WASH_CYCLE', 'warn', '', { transactions: ['t1', 't2'] }, 50);
const washDanger = makeFlag('WASH_CYCLE', 'danger', '', { transactions: ['t1', 't2', 't3'] }, 50);
const whale = makeFlag('WHALE_TRANSFER', 'danger', '', { transactions: ['w1'] }, 50);
const burst = makeFlag('TRANSFER_BURST', 'warn', '', { transactions: ['b1'] }, 50);

describe('diffAssessments', () => {
  it('lists flags added, removed and changed, the score delta and the new evidence', () => {
    const diff = diffAssessments(
      { riskScore: 40, flags: [wash, whale] },
      { riskScore: 60, flags: [washDanger, burst] },
    );
    expect(diff.scoreFrom).toBe(40);
    expect(diff.scoreTo).toBe(60);
    expect(diff.scoreDelta).toBe(20);
    expect(diff.added.map((f) => f.code)).toEqual(['TRANSFER_BURST']);
    expect(diff.removed.map((f) => f.code)).toEqual(['WHALE_TRANSFER']);
    expect(diff.changed).toEqual([{ code: 'WASH_CYCLE', from: 'warn', to: 'danger', weightFrom: 0.25, weightTo: 0.5 }]);
    expect(diff.unchanged).toEqual([]);
    expect(diff.newEvidence).toEqual([{ code: 'WASH_CYCLE', transactions: ['t3'] }]);
  });

  it('treats a first assessment as every flag added', () => {
    const diff = diffAssessments(null, { riskScore: 30, flags: [whale] });
    expect(diff).toMatchObject({ scoreFrom: null, scoreDelta: 30, removed: [], changed: [] });
    expect(diff.added).toEqual([whale]);
  });

  it('reports nothing changed for the same assessment', () => {
    const same = { riskScore: 25, flags: [wash] };
    expect(diffAssessments(same, same)).toMatchObject({
      scoreDelta: 0,
      added: [],
      removed: [],
      changed: [],
      unchanged: ['WASH_CYCLE'],
      newEvidence: [],
    });
  });
});
