import type { MemeToken } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, TextInput } from '../../../shared/ui/field';
import { Panel } from '../../../shared/ui/panel';
import { useCreateMemeToken } from '../api/tokens.api';
import {
  checkTokenForm,
  describeTokenFormError,
  EMPTY_TOKEN_FORM,
  TOKEN_FORM_FIELDS,
  TOKEN_FORM_LABELS as LABELS,
  type TokenFormField,
  type TokenFormProblems,
} from '../model/token-form';

const HINTS: Readonly<Record<TokenFormField, string>> = {
  address: 'The ERC-20 contract on Ethereum: 0x and 40 hex digits.',
  symbol: 'Up to 20 letters, digits, dots, dashes or underscores.',
  name: 'Optional.',
  instrumentSymbol: 'Optional: the instrument whose bars are its price.',
  searchQuery: 'Optional: what the X collector searches for; blank is $SYMBOL.',
};

/** Starts watching a token. Problems show under their inputs, whether found here or by the server. */
export function AddTokenForm({ onAdded }: { onAdded?: (token: MemeToken) => void }) {
  const [values, setValues] = useState(EMPTY_TOKEN_FORM);
  const [problems, setProblems] = useState<TokenFormProblems>({});
  const create = useCreateMemeToken((token) => {
    setValues(EMPTY_TOKEN_FORM);
    onAdded?.(token);
  });
  const server = create.isError ? describeTokenFormError(create.error) : { fields: {}, message: null };
  const shown: TokenFormProblems = { ...server.fields, ...problems };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    const checked = checkTokenForm(values);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    create.mutate(checked.body);
  };

  return (
    <Panel title="Add token">
      <form onSubmit={submit} noValidate data-testid="add-token-form" className="flex flex-col gap-3">
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {TOKEN_FORM_FIELDS.map((field) => (
            <Field key={field} label={LABELS[field]} hint={shown[field] ? undefined : HINTS[field]}>
              {(id) => (
                <>
                  <TextInput
                    id={id}
                    data-testid={`token-${field}`}
                    value={values[field]}
                    aria-invalid={shown[field] !== undefined}
                    aria-describedby={shown[field] ? `${id}-problem` : undefined}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                  />
                  {shown[field] ? (
                    <p id={`${id}-problem`} data-testid={`token-${field}-problem`} className="text-xs text-rose-700">
                      {shown[field]}
                    </p>
                  ) : null}
                </>
              )}
            </Field>
          ))}
        </div>
        {server.message ? (
          <p role="alert" data-testid="add-token-error" className="text-sm text-rose-700">
            {server.message}
          </p>
        ) : null}
        {create.isSuccess ? (
          <p role="status" data-testid="add-token-done" className="text-sm text-emerald-700">
            Watching {create.data.symbol}. Its first assessment follows the next collection.
          </p>
        ) : null}
        <div>
          <Button type="submit" data-testid="add-token-submit" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add token'}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
