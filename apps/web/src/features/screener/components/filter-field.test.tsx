import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilterField } from './filter-field';

afterEach(cleanup);

const TEXT = 'ret3m > 0.15 and sectr in ("Technology")';

describe('FilterField', () => {
  it('underlines the word at the server’s position and says what was expected under the field', () => {
    const position = TEXT.indexOf('sectr');
    render(
      <FilterField
        value={TEXT}
        onChange={() => {}}
        onSubmit={() => {}}
        problem={{ target: 'filter', position, expected: 'a field name', message: 'Column 18: expected a field name.' }}
      />,
    );
    const mark = screen.getByTestId('filter-error-mark');
    expect(mark.textContent, 'the unknown word itself').toBe('sectr');
    expect(mark.getAttribute('data-position')).toBe(String(position));
    expect(mark.parentElement?.textContent, 'the layer behind holds the same text, so the mark lands on it').toBe(TEXT);
    const field = screen.getByTestId('screen-filter');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('filter-error').textContent).toBe('Column 18: expected a field name.');
    expect(field.getAttribute('aria-describedby')).toBe(screen.getByTestId('filter-error').id);
  });

  it('marks the place after the text for a filter that ends too early', () => {
    render(
      <FilterField
        value="ret3m >"
        onChange={() => {}}
        onSubmit={() => {}}
        problem={{ target: 'filter', position: 7, expected: 'a number', message: 'Column 8: expected a number.' }}
      />,
    );
    expect(screen.getByTestId('filter-error-mark').textContent).toBe('\u00a0');
  });

  it('shows the hint and no mark without a problem, and runs on Enter but not on Shift+Enter', () => {
    const onSubmit = vi.fn();
    const onChange = vi.fn();
    render(<FilterField value="rsi14 < 30" onChange={onChange} onSubmit={onSubmit} problem={null} hint="Help" />);
    expect(screen.queryByTestId('filter-error-mark')).toBeNull();
    expect(screen.getByText('Help')).toBeTruthy();
    const field = screen.getByTestId('screen-filter');
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledTimes(1);
    fireEvent.change(field, { target: { value: 'rsi14 < 25' } });
    expect(onChange).toHaveBeenCalledWith('rsi14 < 25');
  });
});
