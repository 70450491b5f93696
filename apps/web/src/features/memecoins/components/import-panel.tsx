import { useState, type FormEvent } from 'react';
import { formatInteger } from '../../../shared/format/format';
import { Button } from '../../../shared/ui/button';
import { Field } from '../../../shared/ui/field';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice } from '../../../shared/ui/states';
import { useMemeImport, type ImportKind } from '../api/imports.api';

const KINDS: Readonly<Record<ImportKind, { label: string; accept: string; hint: string }>> = {
  transfers: {
    label: 'Transfers CSV',
    accept: '.csv,text/csv',
    hint: 'ethereum-etl token_transfers.csv, or Etherscan’s token-transfer export (with Blockno).',
  },
  posts: {
    label: 'Posts CSV or JSONL',
    accept: '.csv,.jsonl,.ndjson,text/csv,application/x-ndjson',
    hint: 'One post per row or line, with its text and time; each is scored on import.',
  },
};

/** Rows read, new, duplicates, and every rejected line with its reason. */
function ImportResult({
  kind,
  result,
}: {
  kind: ImportKind;
  result: NonNullable<ReturnType<typeof useMemeImport>['data']>;
}) {
  return (
    <div role="status" data-testid={`import-${kind}-result`} className="flex flex-col gap-1 text-sm">
      <p className="text-slate-800">
        <span data-testid="import-rows">{formatInteger(result.rows)}</span> rows read,{' '}
        <span data-testid="import-inserted">{formatInteger(result.inserted)}</span> new,{' '}
        <span data-testid="import-duplicates">{formatInteger(result.duplicates)}</span> already known,{' '}
        <span data-testid="import-rejected">{formatInteger(result.rejected.length)}</span> rejected.
        {result.assessJobId ? ' A new assessment is queued.' : ' Nothing new, so no new assessment.'}
      </p>
      {result.rejected.length > 0 ? (
        <ul className="max-h-40 overflow-y-auto rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {result.rejected.map((r) => (
            <li key={`${r.line}:${r.message}`} className="break-words">
              {r.line > 0 ? `Line ${r.line}: ` : ''}
              {r.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ImportForm({ address, kind }: { address: string; kind: ImportKind }) {
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const upload = useMemeImport();
  const text = KINDS[kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.reset();
    if (!file) return setMissing(true);
    setMissing(false);
    upload.mutate({ address, kind, file });
  };

  return (
    <form onSubmit={submit} noValidate data-testid={`import-${kind}`} className="flex flex-col gap-2">
      <Field label={text.label} hint={text.hint}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept={text.accept}
            data-testid={`import-${kind}-file`}
            aria-invalid={missing}
            className="block w-full min-w-0 text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      {missing ? (
        <p role="alert" className="text-xs text-rose-700">
          Choose a file first.
        </p>
      ) : null}
      <div>
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          data-testid={`import-${kind}-submit`}
          disabled={upload.isPending}
        >
          {upload.isPending ? 'Importing…' : 'Import'}
        </Button>
      </div>
      {upload.isError ? <ErrorNotice error={upload.error} title="The file was not imported" /> : null}
      {upload.data ? <ImportResult kind={kind} result={upload.data} /> : null}
    </form>
  );
}

/** Analysts add data the collectors cannot reach: a transfers export and a file of posts. */
export function ImportPanel({ address }: { address: string }) {
  return (
    <Panel title="Import data">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <ImportForm address={address} kind="transfers" />
        <ImportForm address={address} kind="posts" />
      </div>
    </Panel>
  );
}
