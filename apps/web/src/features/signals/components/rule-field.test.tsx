import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleField } from './rule-field';

afterEach(cleanup);

const RULE = 'crosses_above(ema(close, 5), smaa(close, 20))';

describe('RuleField', () => {
  it('underlines the word at the problem’s column and says the problem under the field', () => {
    render(
      <RuleField
        field="entry"
        label="Entry rule"
        value={RULE}
        onChange={() => {}}
        problem={{ message: "Column 30: unknown indicator 'smaa'.", position: 29 }}
      />,
    );
    const mark = screen.getByTestId('rule-error-mark-entry');
    expect(mark.textContent).toBe('smaa');
    expect(mark.getAttribute('data-position')).toBe('29');
    // The layer behind the textarea holds the same text, so the mark lands on the typo.
    expect(mark.parentElement?.textContent).toBe(RULE);
    const textarea = screen.getByLabelText('Entry rule');
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('rule-error-entry').textContent).toBe("Column 30: unknown indicator 'smaa'.");
    expect(textarea.getAttribute('aria-describedby')).toBe(screen.getByTestId('rule-error-entry').id);
  });

  it('marks the place after the text for a rule that ends too early', () => {
    render(
      <RuleField
        field="exit"
        label="Exit rule"
        value="rsi(close, 14"
        onChange={() => {}}
        problem={{ message: "Column 14: expected ')'.", position: 13 }}
      />,
    );
    expect(screen.getByTestId('rule-error-mark-exit').textContent).toBe('\u00a0');
  });

  it('shows a problem without a column under the field only, and the hint when there is none', () => {
    const { rerender } = render(
      <RuleField
        field="entry"
        label="Entry rule"
        value=""
        onChange={() => {}}
        problem={{ message: 'Write a rule.' }}
        hint="How"
      />,
    );
    expect(screen.queryByTestId('rule-error-mark-entry')).toBeNull();
    expect(screen.getByTestId('rule-error-entry').textContent).toBe('Write a rule.');
    rerender(<RuleField field="entry" label="Entry rule" value="close > open" onChange={() => {}} hint="How" />);
    expect(screen.queryByTestId('rule-error-entry')).toBeNull();
    expect(screen.getByText('How')).toBeTruthy();
  });

  it('passes what is typed, untrimmed', () => {
    const onChange = vi.fn();
    render(<RuleField field="entry" label="Entry rule" value="" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Entry rule'), { target: { value: '  close > open' } });
    expect(onChange).toHaveBeenCalledWith('  close > open');
  });
});
