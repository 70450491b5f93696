import { ROLE_RANK, createApiKeyRequestSchema, roleSchema, type Role } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import { ErrorNotice } from '../../../shared/ui/states';
import { useCreateApiKey } from '../api/api-keys.api';
import { CreatedSecret } from './created-secret';

const EXPIRY_OPTIONS = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: undefined },
] as const;

/** A key cannot outrank its creator (the server refuses with 403), so only those roles are offered. */
export function CreateApiKeyForm({ callerRole }: { callerRole: Role }) {
  const roles = roleSchema.options.filter((r) => ROLE_RANK[r] <= ROLE_RANK[callerRole]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [expiry, setExpiry] = useState(0);
  const [invalid, setInvalid] = useState<string | null>(null);
  const create = useCreateApiKey();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createApiKeyRequestSchema.safeParse({ name, role, expiresInDays: EXPIRY_OPTIONS[expiry]?.days });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setInvalid(`${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`);
    }
    setInvalid(null);
    create.mutate(parsed.data, { onSuccess: () => setName('') });
  };

  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={submit} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[1fr_9rem_9rem_auto]" noValidate>
        <Field label="Name">
          {(id) => (
            <TextInput
              id={id}
              value={name}
              placeholder="e.g. nightly-export"
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label="Role">
          {(id) => (
            <Select id={id} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Expires after">
          {(id) => (
            <Select id={id} value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
              {EXPIRY_OPTIONS.map((option, index) => (
                <option key={option.label} value={index}>
                  {option.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
      </form>
      {invalid ? <ErrorNotice error={new Error(invalid)} /> : null}
      {create.isError ? <ErrorNotice error={create.error} /> : null}
      {create.data ? (
        <CreatedSecret name={create.data.apiKey.name} secret={create.data.secret} onDismiss={() => create.reset()} />
      ) : null}
    </div>
  );
}
