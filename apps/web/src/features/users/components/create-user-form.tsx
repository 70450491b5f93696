import { createUserRequestSchema, roleSchema, type Role } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import { ErrorNotice } from '../../../shared/ui/states';
import { useCreateUser } from '../api/users.api';

export function CreateUserForm() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [invalid, setInvalid] = useState<string | null>(null);
  const create = useCreateUser();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createUserRequestSchema.safeParse({ email: email.trim(), password, role });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setInvalid(`${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`);
    }
    setInvalid(null);
    create.mutate(parsed.data, {
      onSuccess: () => {
        setEmail('');
        setPassword('');
        setRole('viewer');
      },
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <Field label="Email">
        {(id) => <TextInput id={id} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field label="Initial password" hint="At least 10 characters; share it privately.">
        {(id) => (
          <TextInput
            id={id}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field label="Role">
        {(id) => (
          <Select id={id} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roleSchema.options.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        )}
      </Field>
      {invalid ? <ErrorNotice error={new Error(invalid)} /> : null}
      {create.isError ? <ErrorNotice error={create.error} /> : null}
      {create.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          Created {create.data.email}.
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </Button>
      </div>
    </form>
  );
}
