import { createChannelRequestSchema, type CreatedChannel } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { describeFieldProblem } from '../../../shared/api/validation-words';
import { Button } from '../../../shared/ui/button';
import { Field, TextInput } from '../../../shared/ui/field';
import { ErrorNotice } from '../../../shared/ui/states';
import { useCreateChannel } from '../api/channels.api';
import { ALERTS_FIELD_LABELS } from '../model/describe-alerts-error';
import { AlertsError } from './alerts-error';
import { WebhookSecret } from './webhook-secret';

type AddableKind = 'email' | 'webhook';

const TEXT = {
  email: {
    field: 'address',
    label: 'Email address',
    placeholder: 'you@example.com',
    submit: 'Send verification link',
    failed: 'Could not add the address',
  },
  webhook: {
    field: 'url',
    label: 'Webhook URL',
    placeholder: 'https://example.com/hooks/marketlens',
    submit: 'Create webhook',
    failed: 'Could not add the webhook',
  },
} as const;

function Added({ kind, created, onDone }: { kind: AddableKind; created: CreatedChannel; onDone: () => void }) {
  const { channel, secret } = created;
  if (kind === 'webhook' && secret && channel.kind === 'webhook') {
    return <WebhookSecret url={channel.url} secret={secret} onDismiss={onDone} />;
  }
  const address = channel.kind === 'email' ? channel.address : channel.label;
  return (
    <div role="status" data-testid="email-sent" className="rounded-md border border-emerald-200 bg-emerald-50 p-3">
      <p className="text-sm text-emerald-900">
        We sent a verification link to <strong>{address}</strong>. Follow it within 24 hours; until then the address is
        listed as awaiting verification and receives nothing.
      </p>
      <Button size="sm" variant="secondary" className="mt-2" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}

/** Adds an email address (verified by a link sent to it) or a webhook (its secret shown once). */
export function AddChannelForm({ kind, onClose }: { kind: AddableKind; onClose: () => void }) {
  const text = TEXT[kind];
  const [target, setTarget] = useState('');
  const [label, setLabel] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const create = useCreateChannel();

  if (create.data) return <Added kind={kind} created={create.data} onDone={onClose} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createChannelRequestSchema.safeParse({
      kind,
      [text.field]: target.trim(),
      label: label.trim() === '' ? undefined : label.trim(),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? text.field);
      return setInvalid(describeFieldProblem(ALERTS_FIELD_LABELS[field] ?? field, issue?.message ?? 'is invalid'));
    }
    setInvalid(null);
    create.mutate(parsed.data);
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid={`add-${kind}-form`}
      className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3"
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Field label={text.label}>
          {(id) => (
            <TextInput
              id={id}
              type={kind === 'email' ? 'email' : 'url'}
              data-testid={`add-${kind}-target`}
              value={target}
              placeholder={text.placeholder}
              onChange={(e) => setTarget(e.target.value)}
            />
          )}
        </Field>
        <Field label="Label (optional)">
          {(id) => (
            <TextInput
              id={id}
              data-testid={`add-${kind}-label`}
              value={label}
              onChange={(e) => setLabel(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" data-testid={`add-${kind}-submit`} disabled={create.isPending}>
          {create.isPending ? 'Adding…' : text.submit}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
      {invalid ? <ErrorNotice error={new Error(invalid)} /> : null}
      {create.isError ? <AlertsError error={create.error} title={text.failed} testId={`add-${kind}-error`} /> : null}
    </form>
  );
}
