import { useState } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import type { ScreenField } from '../api/screener.api';
import {
  appendClause,
  buildClause,
  NUMBER_OPERATORS,
  TEXT_OPERATORS,
  type ClauseOperator,
} from '../model/filter-clause';
import { unitHint } from '../model/format-value';

interface FilterBuilderProps {
  fields: readonly ScreenField[];
  filter: string;
  /** The filter with the new clause, to run at once. */
  onChange: (filter: string) => void;
}

/** Field, operator, value(s): each Add writes one clause into the text form beside it. */
export function FilterBuilder({ fields, filter, onChange }: FilterBuilderProps) {
  const filterable = fields.filter((f) => f.name !== 'symbol' && f.name !== 'name');
  const [fieldName, setFieldName] = useState(
    () => filterable.find((f) => f.name === 'ret3m')?.name ?? filterable[0]?.name,
  );
  const field = filterable.find((f) => f.name === fieldName) ?? filterable[0];
  const operators: readonly ClauseOperator[] = field?.type === 'text' ? TEXT_OPERATORS : NUMBER_OPERATORS;
  const [operatorChoice, setOperator] = useState<ClauseOperator>('>');
  const operator = operators.includes(operatorChoice) ? operatorChoice : operators[0]!;
  const [low, setLow] = useState('');
  const [high, setHigh] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!field) return null;
  const unit = unitHint(field);

  const add = () => {
    const built = buildClause({ field, operator, values: [low, high] });
    if ('problem' in built) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    setLow('');
    setHigh('');
    onChange(appendClause(filter, built.clause));
  };

  return (
    <form
      className="flex flex-col gap-2"
      data-testid="filter-builder"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <div className="grid grid-cols-[minmax(0,1.4fr)_minmax(0,0.8fr)] gap-2">
        <Field label="Field">
          {(id) => (
            <Select
              id={id}
              data-testid="builder-field"
              value={field.name}
              onChange={(e) => setFieldName(e.target.value)}
            >
              {filterable.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Operator">
          {(id) => (
            <Select
              id={id}
              data-testid="builder-operator"
              value={operator}
              onChange={(e) => setOperator(e.target.value as ClauseOperator)}
            >
              {operators.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <div className="flex items-end gap-2">
        <Field
          className="min-w-0 flex-1"
          label={field.type === 'text' ? 'Values (comma-separated)' : `Value${unit ? ` (${unit})` : ''}`}
        >
          {(id) => (
            <TextInput
              id={id}
              data-testid="builder-value"
              value={low}
              placeholder={field.type === 'text' ? 'Technology, Health Care' : unit === '%' ? '15' : '300M'}
              onChange={(e) => setLow(e.target.value)}
            />
          )}
        </Field>
        {operator === 'between' ? (
          <Field className="min-w-0 flex-1" label="and">
            {(id) => (
              <TextInput id={id} data-testid="builder-value-2" value={high} onChange={(e) => setHigh(e.target.value)} />
            )}
          </Field>
        ) : null}
        <Button type="submit" variant="secondary" data-testid="builder-add" className="shrink-0">
          Add
        </Button>
      </div>
      {problem ? (
        <p role="alert" className="text-xs text-rose-700">
          {problem}
        </p>
      ) : (
        <p className="truncate text-xs text-slate-500" title={field.description}>
          {field.description}
        </p>
      )}
    </form>
  );
}
