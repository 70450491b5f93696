import type { StrategyProblem } from '@marketlens/contracts';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import { useStrategyValidation } from '../api/strategies.api';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { SIDES, TIMEFRAMES, toDocument, type StrategyDocument, type StrategyFormValues } from '../model/strategy-form';
import { groupProblems } from '../model/strategy-problems';
import { RuleField } from './rule-field';
import { StrategyRiskFields } from './strategy-risk-fields';

/** Quiet time after the last key before the server checks the document. */
const VALIDATE_AFTER_MS = 350;

const LANGUAGE_HINT =
  'Series open high low close volume hl2 hlc3; indicators like rsi(close, 14), ema(close, 200), ' +
  'macd(close, 12, 26, 9).hist, bb(close, 20, 2).lower, atr(14); x[1] is the previous bar; and, or, not; ' +
  'crosses_above(a, b), crosses_below(a, b).';

interface StrategyEditorProps {
  initial: StrategyFormValues;
  readOnly: boolean;
  saving: boolean;
  saveLabel: string;
  onSave: (document: StrategyDocument) => void;
  /** A refused save's problems (400 INVALID_STRATEGY), shown inline like the live check's. */
  saveProblems: readonly StrategyProblem[];
  /** Under the button: the save's outcome or error. */
  footer?: ReactNode;
}

/**
 * The strategy document as a form. While the user types, the server checks the document (debounced) and each
 * problem is shown where it belongs: a rule's at its column in the rule, a field's under the field.
 */
export function StrategyEditor({
  initial,
  readOnly,
  saving,
  saveLabel,
  onSave,
  saveProblems,
  footer,
}: StrategyEditorProps) {
  const [values, setValues] = useState(initial);
  const document = useMemo(() => toDocument(values), [values]);
  const settled = useDebouncedValue(document, VALIDATE_AFTER_MS);
  const validation = useStrategyValidation(readOnly ? null : settled);
  const checked = validation.data;
  // Compared by content: the query cache may hand back an equal document object from an earlier check.
  const current = checked !== undefined && JSON.stringify(checked.document) === JSON.stringify(document);
  const problems = useMemo(
    () => groupProblems([...(checked?.result.problems ?? []), ...saveProblems]),
    [checked, saveProblems],
  );
  // A rule's marks are shown only for the text they were found in: after another key they could point elsewhere.
  const ruleProblem = (field: 'entry' | 'exit' | 'entryShort' | 'exitShort') =>
    checked && checked.document[field] === document[field] ? problems.rules[field] : undefined;
  const set = <K extends keyof StrategyFormValues>(key: K, value: StrategyFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const fieldHint = (key: keyof StrategyFormValues) =>
    problems.fields[key] ? <span className="text-rose-700">{problems.fields[key]}</span> : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!readOnly) onSave(document);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="strategy-editor">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <Field label="Name" hint={fieldHint('name')}>
          {(id) => (
            <TextInput
              id={id}
              data-testid="strategy-name"
              value={values.name}
              readOnly={readOnly}
              placeholder="e.g. rsi-reversion-trend"
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label="Timeframe" hint={fieldHint('timeframe')}>
          {(id) => (
            <Select
              id={id}
              data-testid="strategy-timeframe"
              value={values.timeframe}
              disabled={readOnly}
              onChange={(e) => set('timeframe', e.target.value as StrategyFormValues['timeframe'])}
            >
              {TIMEFRAMES.map((tf) => (
                <option key={tf}>{tf}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Side" hint={fieldHint('side')}>
          {(id) => (
            <Select
              id={id}
              data-testid="strategy-side"
              value={values.side}
              disabled={readOnly}
              onChange={(e) => set('side', e.target.value as StrategyFormValues['side'])}
            >
              {SIDES.map((side) => (
                <option key={side}>{side}</option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field label="Description (optional)" hint={fieldHint('description')}>
        {(id) => (
          <TextInput
            id={id}
            value={values.description}
            readOnly={readOnly}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>
      <RuleField
        field="entry"
        label={values.side === 'short' ? 'Entry rule (short)' : 'Entry rule (long)'}
        value={values.entry}
        readOnly={readOnly}
        onChange={(v) => set('entry', v)}
        problem={ruleProblem('entry')}
        hint={LANGUAGE_HINT}
      />
      <RuleField
        field="exit"
        label="Exit rule"
        value={values.exit}
        readOnly={readOnly}
        onChange={(v) => set('exit', v)}
        problem={ruleProblem('exit')}
        placeholder="optional with a stop, a target or max bars"
      />
      {values.side === 'both' ? (
        <>
          <RuleField
            field="entryShort"
            label="Short entry rule"
            value={values.entryShort}
            readOnly={readOnly}
            onChange={(v) => set('entryShort', v)}
            problem={ruleProblem('entryShort')}
          />
          <RuleField
            field="exitShort"
            label="Short exit rule"
            value={values.exitShort}
            readOnly={readOnly}
            onChange={(v) => set('exitShort', v)}
            problem={ruleProblem('exitShort')}
          />
        </>
      ) : null}
      <StrategyRiskFields values={values} set={set} readOnly={readOnly} problems={problems.fields} />
      {problems.general.length > 0 ? (
        <ul role="alert" className="list-disc rounded-md bg-rose-50 py-2 pr-3 pl-7 text-xs text-rose-800">
          {problems.general.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
        {readOnly ? null : (
          <Button type="submit" data-testid="strategy-save" disabled={saving}>
            {saving ? 'Saving…' : saveLabel}
          </Button>
        )}
        <span data-testid="strategy-check" className="text-xs text-slate-500">
          {readOnly
            ? null
            : validation.isError
              ? 'Could not check the strategy; the server will check it on save.'
              : !checked || !current
                ? 'Checking…'
                : checked.result.valid
                  ? `Valid. The rules need ${checked.result.warmUpBars ?? 0} bars before they can fire.`
                  : `${checked.result.problems.length} problem${checked.result.problems.length === 1 ? '' : 's'} to fix.`}
        </span>
        {footer}
      </div>
    </form>
  );
}
