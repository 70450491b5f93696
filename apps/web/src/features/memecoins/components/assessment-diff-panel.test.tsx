import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { assessment } from '../testing/meme-fixtures';
import { AssessmentDiffPanel } from './assessment-diff-panel';

afterEach(cleanup);

describe('AssessmentDiffPanel', () => {
  it("shows the server's summary and each change with its levels", () => {
    render(<AssessmentDiffPanel latest={assessment()} />);
    expect(screen.getByTestId('diff-summary').textContent).toBe(
      'Score 35 -> 72: new WASH_CYCLE (danger), TRANSFER_BURST cleared.',
    );
    const changes = screen.getAllByTestId('diff-change');
    expect(changes.map((c) => [c.getAttribute('data-code'), c.getAttribute('data-change')])).toEqual([
      ['WASH_CYCLE', 'new'],
      ['TRANSFER_BURST', 'cleared'],
    ]);
    expect(changes[0]!.textContent).toContain('new (danger)');
    expect(changes[1]!.textContent).toContain('cleared (was warn)');
    expect(screen.getByText('Score 35 → 72 (+37).')).toBeTruthy();
  });

  it('says a first assessment has nothing to compare with', () => {
    const first = assessment();
    first.diff = {
      previousId: null,
      previousScore: null,
      scoreChange: null,
      changes: [],
      summary: 'First assessment: 72.',
    };
    render(<AssessmentDiffPanel latest={first} />);
    expect(screen.getByText('This is the token’s first assessment.')).toBeTruthy();
    expect(screen.getByText('No flag appeared, cleared or changed level.')).toBeTruthy();
  });

  it('says a token never assessed has nothing to compare', () => {
    render(<AssessmentDiffPanel latest={null} />);
    expect(screen.getByText('Not assessed yet: nothing to compare.')).toBeTruthy();
  });
});
