import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, TextInput } from '../../../shared/ui/field';
import { ErrorNotice } from '../../../shared/ui/states';
import { useCreateFeatureFlag } from '../api/feature-flags.api';

/** A new flag starts off; the server checks the key (lower-case words joined by . _ or -). */
export function CreateFlagForm() {
  const [key, setKey] = useState('');
  const [description, setDescription] = useState('');
  const create = useCreateFeatureFlag();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { key: key.trim(), ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: () => {
          setKey('');
          setDescription('');
        },
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-2 border-t border-slate-200 pt-3"
      aria-label="New feature flag"
    >
      {create.isError ? <ErrorNotice error={create.error} title="Could not create the flag" /> : null}
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Key" className="min-w-40 flex-1">
          {(id) => (
            <TextInput
              id={id}
              data-testid="ops-flag-key"
              placeholder="signals.ml-gate"
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
          )}
        </Field>
        <Field label="Description" className="min-w-40 flex-[2]">
          {(id) => (
            <TextInput
              id={id}
              data-testid="ops-flag-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" size="sm" data-testid="ops-flag-create" disabled={key.trim() === '' || create.isPending}>
          Add flag
        </Button>
      </div>
    </form>
  );
}
