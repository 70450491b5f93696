import { timeframeSchema, type AlertRule, type Instrument, type Timeframe } from '@marketlens/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import { useCreateAlertRule, useUpdateAlertRule, type AlertKindInfo } from '../api/alert-rules.api';
import { defaultValues, kindForm, kindLabel, paramLabels, type KindForm } from '../model/alert-params';
import { newRuleDraft, ruleDraftOf, toRuleRequest, type RuleDraft } from '../model/alert-rule-form';
import { AlertsError } from './alerts-error';
import { ParamInput } from './param-input';

interface AlertRuleEditorProps {
  kinds: readonly AlertKindInfo[];
  instruments: readonly Pick<Instrument, 'symbol' | 'timeframes'>[];
  /** A saved rule to change (its kind, symbol and timeframe stay), or null for a new one. */
  editing: AlertRule | null;
  onDone: () => void;
}

const EMPTY_FORM: KindForm = { fields: [], unsupported: [] };

/** The timeframes stored for the symbol (every timeframe when it has none yet). */
function timeframesOf(instruments: AlertRuleEditorProps['instruments'], symbol: string): Timeframe[] {
  const stored = instruments.find((i) => i.symbol === symbol)?.timeframes.map((t) => t.timeframe) ?? [];
  return stored.length > 0 ? stored : timeframeSchema.options;
}

/** Creates or changes an alert rule; the condition's inputs follow the kind's JSON Schema. */
export function AlertRuleEditor({ kinds, instruments, editing, onDone }: AlertRuleEditorProps) {
  const forms = useMemo(() => new Map(kinds.map((k) => [k.kind, kindForm(k.kind, k.params)])), [kinds]);
  const formOf = (kind: string) => forms.get(kind) ?? EMPTY_FORM;
  const [draft, setDraft] = useState<RuleDraft>(() => {
    if (editing) return ruleDraftOf(editing, formOf(editing.kind));
    const kind = kinds[0]?.kind ?? '';
    return newRuleDraft(kind, formOf(kind), instruments[0]?.symbol ?? '');
  });
  const [problems, setProblems] = useState<string[]>([]);
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const saving = editing ? update : create;

  const form = formOf(draft.kind);
  const timeframes = timeframesOf(instruments, draft.symbol);
  const timeframe = timeframes.includes(draft.timeframe) ? draft.timeframe : (timeframes[0] ?? '1d');
  const set = (change: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...change }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toRuleRequest({ ...draft, timeframe }, form);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems([]);
    const { name, params, cooldownMinutes } = checked.request;
    if (editing) {
      update.mutate({ id: editing.id, name, params, cooldownMinutes }, { onSuccess: onDone });
    } else {
      create.mutate(checked.request, { onSuccess: () => set({ name: '' }) });
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="rule-editor" className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Name" className="sm:col-span-2">
          {(id) => (
            <TextInput
              id={id}
              data-testid="rule-name"
              value={draft.name}
              placeholder="e.g. BTC breakout"
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Kind" className="sm:col-span-2">
          {(id) => (
            <Select
              id={id}
              data-testid="rule-kind"
              value={draft.kind}
              disabled={editing !== null}
              onChange={(e) => set({ kind: e.target.value, values: defaultValues(formOf(e.target.value)) })}
            >
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {kindLabel(k.kind)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Symbol">
          {(id) => (
            <Select
              id={id}
              data-testid="rule-symbol"
              value={draft.symbol}
              disabled={editing !== null}
              onChange={(e) => set({ symbol: e.target.value })}
            >
              {instruments.length === 0 ? <option value="">No instruments yet</option> : null}
              {editing && !instruments.some((i) => i.symbol === editing.symbol) ? (
                <option value={editing.symbol}>{editing.symbol}</option>
              ) : null}
              {instruments.map((i) => (
                <option key={i.symbol} value={i.symbol}>
                  {i.symbol}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Timeframe">
          {(id) => (
            <Select
              id={id}
              data-testid="rule-timeframe"
              value={timeframe}
              disabled={editing !== null}
              onChange={(e) => set({ timeframe: e.target.value as Timeframe })}
            >
              {timeframes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {form.fields.map((field) => (
          <ParamInput
            key={`${draft.kind}.${field.name}`}
            field={field}
            value={draft.values[field.name] ?? ''}
            onChange={(value) => set({ values: { ...draft.values, [field.name]: value } })}
          />
        ))}
        <Field label="Cooldown (minutes)" hint="No second alert of this rule within this long (in data time).">
          {(id) => (
            <TextInput
              id={id}
              data-testid="rule-cooldown"
              inputMode="numeric"
              value={draft.cooldownMinutes}
              onChange={(e) => set({ cooldownMinutes: e.target.value })}
            />
          )}
        </Field>
      </div>
      {form.unsupported.length > 0 ? (
        <p className="text-xs text-slate-500">
          Left to the server&rsquo;s defaults (not editable here): {form.unsupported.join(', ')}.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" data-testid="rule-save" disabled={saving.isPending || draft.kind === ''}>
          {saving.isPending ? 'Saving…' : editing ? 'Save changes' : 'Create rule'}
        </Button>
        {editing ? (
          <Button size="sm" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
      {problems.length > 0 ? (
        <div
          role="alert"
          data-testid="rule-problems"
          className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-800"
        >
          <p className="font-semibold">Check the rule</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {problems.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {saving.isError ? (
        <AlertsError
          error={saving.error}
          title="Could not save the rule"
          paramLabels={paramLabels(form)}
          testId="rule-error"
        />
      ) : null}
      {!editing && create.isSuccess ? (
        <p role="status" data-testid="rule-created" className="text-xs text-emerald-700">
          Created “{create.data.name}”: {create.data.description}. It starts from the newest data.
        </p>
      ) : null}
    </form>
  );
}
