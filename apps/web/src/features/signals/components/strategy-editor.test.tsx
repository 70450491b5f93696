import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NEW_STRATEGY, type StrategyDocument } from '../model/strategy-form';
import { StrategyEditor } from './strategy-editor';

const request = vi.hoisted(() =>
  vi.fn<(path: string, schema: unknown, options: { body: StrategyDocument }) => unknown>(),
);
vi.mock('../../../shared/api/api', () => ({ api: { request } }));

/** A stand-in for POST /strategies/validate: flags the unknown name `smaa` where it is. */
function validate(_path: string, _schema: unknown, { body }: { body: StrategyDocument }) {
  const entry = String(body.entry);
  const at = entry.indexOf('smaa');
  return Promise.resolve(
    at < 0
      ? { valid: true, problems: [], warmUpBars: 21 }
      : {
          valid: false,
          problems: [{ path: 'entry', message: `column ${at + 1}: unknown indicator 'smaa'`, position: at }],
          warmUpBars: null,
        },
  );
}

beforeEach(() => {
  request.mockReset().mockImplementation(validate);
});
afterEach(cleanup);

function renderEditor(props: { readOnly?: boolean; onSave?: (doc: StrategyDocument) => void } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <StrategyEditor
        initial={{ ...NEW_STRATEGY, name: 'x' }}
        readOnly={props.readOnly ?? false}
        saving={false}
        saveLabel="Create strategy"
        saveProblems={[]}
        onSave={props.onSave ?? (() => {})}
      />
    </QueryClientProvider>,
  );
}

const typeEntry = (text: string) => fireEvent.change(screen.getByTestId('strategy-entry'), { target: { value: text } });

describe('StrategyEditor', () => {
  it('checks the document after a pause and marks the rule problem at its column', async () => {
    renderEditor();
    await waitFor(() => expect(screen.getByTestId('strategy-check').textContent).toMatch(/^Valid/));
    typeEntry('close > smaa(close, 20)');
    const mark = await screen.findByTestId('rule-error-mark-entry');
    expect(mark.textContent).toBe('smaa');
    expect(mark.getAttribute('data-position')).toBe('8');
    expect(screen.getByTestId('strategy-check').textContent).toBe('1 problem to fix.');
  });

  it('hides a mark as soon as its rule changes, until the new text is checked', async () => {
    renderEditor();
    typeEntry('close > smaa(close, 20)');
    await screen.findByTestId('rule-error-mark-entry');
    typeEntry('open > close > smaa(close, 20)');
    expect(screen.queryByTestId('rule-error-mark-entry'), 'the old column would point elsewhere').toBeNull();
    const mark = await screen.findByTestId('rule-error-mark-entry');
    expect(mark.getAttribute('data-position')).toBe('15');
  });

  it('saves the document as typed', async () => {
    const onSave = vi.fn();
    renderEditor({ onSave });
    fireEvent.click(screen.getByTestId('strategy-save'));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ name: 'x', entry: NEW_STRATEGY.entry }));
  });

  it('is read-only for a viewer: no save button and nothing sent to the server', async () => {
    renderEditor({ readOnly: true });
    expect(screen.queryByTestId('strategy-save')).toBeNull();
    expect(screen.getByTestId('strategy-entry').hasAttribute('readonly')).toBe(true);
    expect((screen.getByTestId('strategy-timeframe') as HTMLSelectElement).disabled).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(request).not.toHaveBeenCalled();
  });
});
