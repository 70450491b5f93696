import type { TrainForecastRequest } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';

/** What a user can train; `naive` is the last-return model (the zero-return or base-rate forecast is the baseline). */
export const TRAINABLE_MODELS: readonly { value: TrainForecastRequest['model']; label: string }[] = [
  { value: 'last', label: 'naive (last return)' },
  { value: 'ridge', label: 'ridge regression' },
  { value: 'logistic', label: 'logistic regression (direction)' },
  { value: 'gbdt', label: 'gradient-boosted trees' },
  { value: 'ar', label: 'AR(p)' },
];

export interface TrainFormValues {
  model: TrainForecastRequest['model'];
  interval: string;
}

/**
 * Model and interval for a training; symbol and horizon come from the page's pickers so what is trained is
 * what the page shows. Values go to the server as typed: it owns the limits and answers in words.
 */
export function ForecastTrainForm({
  onTrain,
  running,
}: {
  onTrain: (values: { model: TrainForecastRequest['model']; interval: number }) => void;
  running: boolean;
}) {
  const [values, setValues] = useState<TrainFormValues>({ model: 'ridge', interval: '0.9' });
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const interval = Number(values.interval);
    if (values.interval.trim() === '' || !Number.isFinite(interval)) {
      setProblem('The interval must be a number, e.g. 0.9 for a 90% interval.');
      return;
    }
    setProblem(null);
    onTrain({ model: values.model, interval });
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
      <Field label="Model" className="min-w-48">
        {(id) => (
          <Select
            id={id}
            data-testid="forecast-model-select"
            value={values.model}
            onChange={(e) => setValues((v) => ({ ...v, model: e.target.value as TrainFormValues['model'] }))}
          >
            {TRAINABLE_MODELS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Interval" className="w-24">
        {(id) => (
          <TextInput
            id={id}
            data-testid="forecast-interval"
            inputMode="decimal"
            value={values.interval}
            onChange={(e) => setValues((v) => ({ ...v, interval: e.target.value }))}
          />
        )}
      </Field>
      <Button type="submit" data-testid="forecast-train" disabled={running}>
        {running ? 'Training…' : 'Train'}
      </Button>
      {problem ? <p className="w-full text-xs text-rose-700">{problem}</p> : null}
    </form>
  );
}
