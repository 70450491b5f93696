import type { Instrument, Timeframe } from '@marketlens/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../shared/ui/button';
import { cx } from '../../../shared/ui/cx';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import {
  defaultRegimeFormValues,
  STATE_CHOICES,
  validateRegimeForm,
  type CovarianceType,
  type RegimeFormErrors,
  type RegimeFormValues,
  type RegimeRunRequest,
  type RegimeSource,
} from '../model/regime-options';
import { FeaturePicker } from './feature-picker';

const COVARIANCE_TYPES: readonly CovarianceType[] = ['diag', 'full', 'spherical', 'tied'];

interface RegimeOptionsFormProps {
  instruments: readonly Pick<Instrument, 'symbol' | 'name' | 'synthetic' | 'timeframes'>[];
  symbol: string;
  onSymbolChange: (symbol: string) => void;
  onRun: (run: RegimeRunRequest) => void;
  running: boolean;
}

function FieldError({ children }: { children?: string }) {
  return children ? <p className="text-xs text-rose-700">{children}</p> : null;
}

function SourceToggle({ value, onChange }: { value: RegimeSource; onChange: (value: RegimeSource) => void }) {
  const options: [RegimeSource, string][] = [
    ['instrument', 'Instrument'],
    ['csv', 'CSV file'],
  ];
  return (
    <div
      role="group"
      aria-label="Source"
      className="inline-flex self-start rounded-md border border-slate-300 bg-white p-0.5"
    >
      {options.map(([option, label]) => (
        <button
          key={option}
          type="button"
          aria-pressed={option === value}
          data-testid={`regimes-source-${option}`}
          onClick={() => onChange(option)}
          className={cx(
            'rounded px-2.5 py-0.5 text-xs font-semibold',
            option === value ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100',
          )}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

export function RegimeOptionsForm({ instruments, symbol, onSymbolChange, onRun, running }: RegimeOptionsFormProps) {
  const [values, setValues] = useState<RegimeFormValues>(() => defaultRegimeFormValues(symbol));
  const [errors, setErrors] = useState<RegimeFormErrors>({});
  const instrument = instruments.find((i) => i.symbol === symbol);
  const timeframes = instrument?.timeframes.map((tf) => tf.timeframe) ?? [];
  const timeframe = timeframes.includes(values.timeframe) ? values.timeframe : (timeframes[0] ?? values.timeframe);
  const set = <K extends keyof RegimeFormValues>(key: K, value: RegimeFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateRegimeForm({ ...values, symbol, timeframe });
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    onRun(result.run);
  };

  let sourceFields: ReactNode;
  if (values.source === 'instrument') {
    sourceFields = (
      <>
        <div className="grid grid-cols-[minmax(0,1fr)_6rem] gap-3">
          <Field label="Instrument">
            {(id) => (
              <Select
                id={id}
                data-testid="regimes-symbol"
                value={symbol}
                onChange={(e) => onSymbolChange(e.target.value)}
              >
                {symbol === '' ? <option value="">Choose…</option> : null}
                {instruments.map((i) => (
                  <option key={i.symbol} value={i.symbol}>
                    {i.symbol}
                    {i.synthetic ? ' (synthetic)' : ''}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Timeframe">
            {(id) => (
              <Select id={id} value={timeframe} onChange={(e) => set('timeframe', e.target.value as Timeframe)}>
                {(timeframes.length > 0 ? timeframes : [timeframe]).map((tf) => (
                  <option key={tf}>{tf}</option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <FieldError>{errors.symbol}</FieldError>
        <div className="grid grid-cols-2 gap-3">
          <Field label="From (optional)">
            {(id) => (
              <TextInput
                id={id}
                type="date"
                data-testid="regimes-from"
                value={values.from}
                onChange={(e) => set('from', e.target.value)}
              />
            )}
          </Field>
          <Field label="To (optional)">
            {(id) => (
              <TextInput
                id={id}
                type="date"
                data-testid="regimes-to"
                value={values.to}
                onChange={(e) => set('to', e.target.value)}
              />
            )}
          </Field>
        </div>
        <FieldError>{errors.from ?? errors.to}</FieldError>
      </>
    );
  } else {
    sourceFields = (
      <>
        <Field label="CSV file" hint="A date column and a price column; optional high, low, volume.">
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv"
              data-testid="regimes-file"
              className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
              onChange={(e) => set('file', e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <FieldError>{errors.file}</FieldError>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Series name">
            {(id) => (
              <TextInput
                id={id}
                className="font-mono uppercase"
                value={values.uploadSymbol}
                onChange={(e) => set('uploadSymbol', e.target.value.toUpperCase())}
              />
            )}
          </Field>
          <Field label="Price column">
            {(id) => (
              <TextInput
                id={id}
                className="font-mono"
                value={values.column}
                onChange={(e) => set('column', e.target.value)}
              />
            )}
          </Field>
        </div>
        <FieldError>{errors.uploadSymbol ?? errors.column}</FieldError>
      </>
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label="Regime fit options">
      <SourceToggle value={values.source} onChange={(source) => set('source', source)} />
      {sourceFields}
      <Field label="Features">
        {(id) => <FeaturePicker id={id} value={values.features} onChange={(features) => set('features', features)} />}
      </Field>
      <FieldError>{errors.features}</FieldError>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Regimes (states)">
          {(id) => (
            <Select
              id={id}
              data-testid="regimes-states"
              value={String(values.states)}
              onChange={(e) => set('states', e.target.value === 'auto' ? 'auto' : Number(e.target.value))}
            >
              {STATE_CHOICES.map((k) => (
                <option key={k} value={String(k)}>
                  {k === 'auto' ? 'auto (best BIC)' : k}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Covariance">
          {(id) => (
            <Select
              id={id}
              value={values.covarianceType}
              onChange={(e) => set('covarianceType', e.target.value as CovarianceType)}
            >
              {COVARIANCE_TYPES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Restarts">
          {(id) => (
            <TextInput
              id={id}
              inputMode="numeric"
              data-testid="regimes-restarts"
              value={values.restarts}
              onChange={(e) => set('restarts', e.target.value)}
            />
          )}
        </Field>
        <Field label="Seed">
          {(id) => (
            <TextInput
              id={id}
              inputMode="numeric"
              data-testid="regimes-seed"
              value={values.seed}
              onChange={(e) => set('seed', e.target.value)}
            />
          )}
        </Field>
      </div>
      <FieldError>{errors.restarts ?? errors.seed}</FieldError>
      <div>
        <Button type="submit" data-testid="regimes-run" disabled={running}>
          {running ? 'Running…' : 'Run fit'}
        </Button>
      </div>
    </form>
  );
}
