import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, TextInput } from '../../../shared/ui/field';
import { Panel } from '../../../shared/ui/panel';
import { useImportUniverse } from '../api/universe-import.api';
import {
  AMOUNT_FIELDS,
  checkUniverseImport,
  DEFAULT_UNIVERSE_RULES,
  UNIVERSE_IMPORT_LABELS as LABELS,
  type AmountField,
  type UniverseImportField,
  type UniverseImportFields,
} from '../model/check-universe-import';
import { formatCompact } from '../model/format-value';
import { UniverseImportError, UniverseImportSummary } from './universe-import-result';

/** A blank rule field shows the default it leaves to the server. */
const placeholderOf = (field: AmountField) => {
  const value = DEFAULT_UNIVERSE_RULES[field];
  return value === null ? 'no limit' : `$${formatCompact(value)}`;
};

const EMPTY: UniverseImportFields = {
  file: null,
  name: '',
  minMarketCap: '',
  maxMarketCap: '',
  minPrice: '',
  excludeEtfs: DEFAULT_UNIVERSE_RULES.excludeEtfs,
};

interface UniverseImportPanelProps {
  onClose: () => void;
  /** Screen the universe just imported. */
  onPick: (universeId: string) => void;
}

/** Upload a Nasdaq company list as a universe, with the rules that decide its members. Analysts and admins. */
export function UniverseImportPanel({ onClose, onPick }: UniverseImportPanelProps) {
  const [fields, setFields] = useState(EMPTY);
  const [invalid, setInvalid] = useState<{ field: UniverseImportField; message: string } | null>(null);
  const upload = useImportUniverse();
  const set = (change: Partial<UniverseImportFields>) => setFields((f) => ({ ...f, ...change }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A new attempt replaces the last one's summary or error, whether it is sent or stopped here.
    upload.reset();
    const checked = checkUniverseImport(fields);
    if (!checked.ok) return setInvalid({ field: checked.field, message: checked.message });
    setInvalid(null);
    upload.mutate({ file: checked.file, query: checked.query });
  };

  return (
    <Panel
      title="Import a universe"
      actions={
        <Button size="sm" variant="ghost" data-testid="universe-import-close" onClick={onClose}>
          Close
        </Button>
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate data-testid="universe-import">
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <Field
            label={LABELS.file}
            hint="Nasdaq companylist.csv: Symbol, Name, LastSale, MarketCap, IPOyear, Sector, Industry."
          >
            {(id) => (
              <input
                id={id}
                type="file"
                accept=".csv,text/csv"
                data-testid="universe-import-file"
                aria-invalid={invalid?.field === 'file'}
                className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
                onChange={(e) => set({ file: e.target.files?.[0] ?? null })}
              />
            )}
          </Field>
          <Field
            label={LABELS.name}
            hint="Blank: the file's name. The same name again replaces that universe's listing."
          >
            {(id) => (
              <TextInput
                id={id}
                data-testid="universe-import-name"
                value={fields.name}
                aria-invalid={invalid?.field === 'name'}
                onChange={(e) => set({ name: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="grid grid-cols-2 items-end gap-3 md:grid-cols-4">
          {AMOUNT_FIELDS.map((field) => (
            <Field key={field} label={LABELS[field]}>
              {(id) => (
                <TextInput
                  id={id}
                  data-testid={`universe-import-${field}`}
                  inputMode="decimal"
                  placeholder={placeholderOf(field)}
                  value={fields[field]}
                  aria-invalid={invalid?.field === field}
                  onChange={(e) => set({ [field]: e.target.value })}
                />
              )}
            </Field>
          ))}
          <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
            <input
              type="checkbox"
              data-testid="universe-import-excludeEtfs"
              checked={fields.excludeEtfs}
              onChange={(e) => set({ excludeEtfs: e.target.checked })}
            />
            {LABELS.excludeEtfs}
          </label>
        </div>
        <p className="text-xs text-slate-500">
          Amounts in dollars: 300M, 2B or 1500000. A blank rule takes the default shown.
        </p>
        <div>
          <Button type="submit" data-testid="universe-import-submit" disabled={upload.isPending}>
            {upload.isPending ? 'Importing…' : 'Import'}
          </Button>
        </div>
        {invalid ? (
          <p role="alert" data-testid="universe-import-invalid" className="text-sm text-rose-700">
            {invalid.message}
          </p>
        ) : null}
        {upload.isError ? <UniverseImportError error={upload.error} /> : null}
        {upload.data ? (
          <>
            <UniverseImportSummary result={upload.data} />
            <div>
              <Button
                size="sm"
                variant="secondary"
                data-testid="universe-import-pick"
                onClick={() => onPick(upload.data.universe.id)}
              >
                Screen “{upload.data.universe.name}”
              </Button>
            </div>
          </>
        ) : null}
      </form>
    </Panel>
  );
}
