import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, TextInput } from '../../../shared/ui/field';
import { ErrorNotice, Spinner } from '../../../shared/ui/states';

export interface Credentials {
  email: string;
  password: string;
}

interface CredentialsFormProps {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Returns a message when the input is not acceptable, shown instead of sending. */
  validate?: (credentials: Credentials) => string | null;
  onSubmit: (credentials: Credentials) => void;
  passwordHint?: ReactNode;
  autoCompletePassword: 'current-password' | 'new-password';
}

/** Email + password form shared by login and first-admin setup. */
export function CredentialsForm(props: CredentialsFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = props.validate?.({ email, password }) ?? null;
    setInvalid(problem);
    if (!problem) props.onSubmit({ email: email.trim(), password });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <Field label="Email">
        {(id) => (
          <TextInput
            id={id}
            data-testid="login-email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <Field label="Password" hint={props.passwordHint}>
        {(id) => (
          <TextInput
            id={id}
            data-testid="login-password"
            type="password"
            autoComplete={props.autoCompletePassword}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {invalid ? <ErrorNotice error={new Error(invalid)} /> : null}
      {!invalid && props.error ? <ErrorNotice error={props.error} /> : null}
      <Button type="submit" data-testid="login-submit" disabled={props.pending} className="w-full">
        {props.pending ? <Spinner className="border-slate-500 border-t-white" /> : null}
        {props.submitLabel}
      </Button>
    </form>
  );
}
