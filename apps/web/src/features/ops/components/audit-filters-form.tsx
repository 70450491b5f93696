import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import { NO_AUDIT_FILTERS, type AuditFilters } from '../api/audit-log.api';
import { localInputToIso } from '../model/ops-words';

interface AuditFiltersFormProps {
  /** Every action the server records. */
  actions: readonly string[];
  onApply: (filters: AuditFilters) => void;
}

/** Families ("flags.", "auth.") first, then each action, so one choice can cover a whole area. */
function actionChoices(actions: readonly string[]): string[] {
  const families = [...new Set(actions.map((a) => `${a.split('.')[0]}.`))];
  return [...families, ...actions];
}

/** The action applies at once; who and when apply with the button (or Enter), not on every key. */
export function AuditFiltersForm({ actions, onApply }: AuditFiltersFormProps) {
  const [form, setForm] = useState({ actor: '', action: '', since: '', until: '' });
  const apply = (next = form) =>
    onApply({
      ...NO_AUDIT_FILTERS,
      actor: next.actor.trim(),
      action: next.action,
      since: localInputToIso(next.since),
      until: localInputToIso(next.until),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply();
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Audit log filters">
      <Field label="Who (email or user id)" className="min-w-44 flex-1">
        {(id) => (
          <TextInput
            id={id}
            data-testid="ops-audit-actor"
            value={form.actor}
            onChange={(e) => setForm({ ...form, actor: e.target.value })}
          />
        )}
      </Field>
      <Field label="Action" className="w-44">
        {(id) => (
          <Select
            id={id}
            data-testid="ops-audit-action"
            value={form.action}
            onChange={(e) => {
              const next = { ...form, action: e.target.value };
              setForm(next);
              apply(next);
            }}
          >
            <option value="">Any</option>
            {actionChoices(actions).map((a) => (
              <option key={a} value={a}>
                {a.endsWith('.') ? `${a}*` : a}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Since" className="w-48">
        {(id) => (
          <TextInput
            id={id}
            type="datetime-local"
            data-testid="ops-audit-since"
            value={form.since}
            onChange={(e) => setForm({ ...form, since: e.target.value })}
          />
        )}
      </Field>
      <Field label="Until" className="w-48">
        {(id) => (
          <TextInput
            id={id}
            type="datetime-local"
            data-testid="ops-audit-until"
            value={form.until}
            onChange={(e) => setForm({ ...form, until: e.target.value })}
          />
        )}
      </Field>
      <Button type="submit" size="sm" variant="secondary" data-testid="ops-audit-apply">
        Filter
      </Button>
    </form>
  );
}
