import { Field, Select, TextInput } from '../../../shared/ui/field';
import type { Bound, ParamField } from '../model/alert-params';

function boundWords(field: ParamField): string | undefined {
  const words = (bound: Bound | null, strict: string, loose: string) =>
    bound ? `${bound.exclusive ? strict : loose} ${bound.value}` : null;
  const range = [words(field.min, 'more than', 'at least'), words(field.max, 'less than', 'at most')].filter(Boolean);
  const parts = [
    field.percent ? 'in percent: 5 means 5%' : null,
    range.length > 0 ? range.join(', ') : null,
    field.required ? null : 'optional',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** One param of a rule kind, from its JSON Schema: a choice for an enum, a text box for the rest. */
export function ParamInput({
  field,
  value,
  onChange,
}: {
  field: ParamField;
  value: string;
  onChange: (value: string) => void;
}) {
  const testId = `rule-param-${field.name}`;
  if (field.type === 'enum') {
    return (
      <Field label={field.label}>
        {(id) => (
          <Select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
            {field.required && field.defaultText !== '' ? null : <option value="">—</option>}
            {field.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </Select>
        )}
      </Field>
    );
  }
  return (
    <Field label={field.label} hint={field.type === 'string' ? undefined : boundWords(field)}>
      {(id) => (
        <TextInput
          id={id}
          data-testid={testId}
          inputMode={field.type === 'integer' ? 'numeric' : field.type === 'number' ? 'decimal' : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
