import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, TextInput } from '../../../shared/ui/field';
import { ErrorNotice } from '../../../shared/ui/states';

export type PendingChange =
  | { kind: 'alias'; version: number; currentVersion: number | null; alias: string }
  | { kind: 'archive'; version: number };

const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

function describe(change: PendingChange, alias: string): string {
  if (change.kind === 'archive') return `Archive version ${change.version}. No alias may point at it.`;
  if (change.currentVersion === null) return `Point “${alias}” at version ${change.version}.`;
  if (change.currentVersion === change.version) return `“${alias}” already points at version ${change.version}.`;
  const verb = change.version > change.currentVersion ? 'Promote' : 'Roll back';
  return `${verb}: move “${alias}” from version ${change.currentVersion} to version ${change.version}.`;
}

/**
 * Confirms a registry change and asks why (the reason is kept in the alias history). A modal <dialog>: the
 * rest of the page is inert until it is confirmed or cancelled.
 */
export function RegistryChangeDialog({
  change,
  aliasVersion,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  change: PendingChange;
  /** Where an alias points now, to word the action as promote or roll back. */
  aliasVersion: (alias: string) => number | null;
  busy: boolean;
  error: unknown;
  onConfirm: (values: { alias: string; reason: string }) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [alias, setAlias] = useState(change.kind === 'alias' ? change.alias : '');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);

  const effective: PendingChange =
    change.kind === 'alias' ? { ...change, alias, currentVersion: aliasVersion(alias) } : change;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.kind === 'alias' && !ALIAS_PATTERN.test(alias)) {
      return setProblem('The alias must be lower-case letters, digits, _ or -, starting with a letter.');
    }
    if (reason.trim() === '') return setProblem('Say why: the reason is kept in the history.');
    setProblem(null);
    onConfirm({ alias, reason: reason.trim() });
  };

  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      aria-labelledby="registry-change-title"
      className="m-auto w-[28rem] max-w-[90vw] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-5">
        <h2 id="registry-change-title" className="text-base font-semibold text-slate-900">
          {change.kind === 'archive' ? 'Archive a version' : 'Move an alias'}
        </h2>
        {change.kind === 'alias' ? (
          <Field label="Alias" hint="champion serves the forecasts; challenger and free names are for comparison.">
            {(id) => (
              <TextInput
                id={id}
                data-testid="models-alias-input"
                value={alias}
                list="registry-alias-suggestions"
                onChange={(e) => setAlias(e.target.value.trim())}
              />
            )}
          </Field>
        ) : null}
        <datalist id="registry-alias-suggestions">
          <option value="champion" />
          <option value="challenger" />
        </datalist>
        <p className="text-sm text-slate-700" data-testid="models-change-summary">
          {describe(effective, alias)}
        </p>
        <Field label="Reason">
          {(id) => (
            <TextInput
              id={id}
              data-testid="models-reason"
              placeholder="e.g. lower RMSE on the last walk-forward"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        {problem ? <p className="text-xs text-rose-700">{problem}</p> : null}
        {error ? <ErrorNotice error={error} title="The registry did not accept the change" /> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant={change.kind === 'archive' ? 'danger' : 'primary'}
            data-testid="models-confirm"
            disabled={busy}
          >
            {busy ? 'Saving…' : change.kind === 'archive' ? 'Archive' : 'Confirm'}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
