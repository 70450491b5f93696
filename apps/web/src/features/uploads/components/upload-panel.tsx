import { timeframeSchema, type Timeframe } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import type { UploadProgress } from '../../../shared/api/xhr-transport';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import { Panel } from '../../../shared/ui/panel';
import { useUploadCsv } from '../api/uploads.api';
import { checkUpload, type UploadField } from '../model/check-upload';
import { UploadProgressBar } from './upload-progress-bar';
import { UploadError, UploadSummary } from './upload-result';

const TIMEZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Asia/Hong_Kong',
];

/** "btc-usd_daily.csv" -> "BTC-USD": a guess the user can overwrite. */
function symbolFromFilename(name: string): string {
  const stem = name.replace(/\.[^.]+$/, '').split(/[_\s]/)[0] ?? '';
  return stem.toUpperCase().replace(/[^A-Z0-9^.=-]/g, '');
}

export function UploadPanel({ onUploaded }: { onUploaded?: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<Timeframe>('1d');
  const [timezone, setTimezone] = useState('UTC');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [invalid, setInvalid] = useState<{ field: UploadField; message: string } | null>(null);
  const upload = useUploadCsv(onUploaded);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A new attempt replaces the last one's summary or error, whether it is sent or stopped here.
    upload.reset();
    setProgress(null);
    const checked = checkUpload({ file, symbol, timezone });
    if (!checked.ok) return setInvalid({ field: checked.field, message: checked.message });
    setInvalid(null);
    setProgress({ loaded: 0, total: checked.file.size, percent: 0 });
    const { file: csv, symbol: parsedSymbol, timezone: zone } = checked;
    upload.mutate({ file: csv, symbol: parsedSymbol, timezone: zone, timeframe, onProgress: setProgress });
  };

  return (
    <Panel title="Upload CSV">
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <Field label="CSV file" hint="Columns date/time, open, high, low, close[, volume]; or date + price.">
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv"
              data-testid="upload-file"
              className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
              onChange={(e) => {
                const chosen = e.target.files?.[0] ?? null;
                setFile(chosen);
                if (chosen && symbol === '') setSymbol(symbolFromFilename(chosen.name));
              }}
            />
          )}
        </Field>
        <div className="grid grid-cols-3 gap-3">
          <Field label="Symbol">
            {(id) => (
              <TextInput
                id={id}
                data-testid="upload-symbol"
                value={symbol}
                placeholder="e.g. SPY"
                aria-invalid={invalid?.field === 'symbol'}
                className="font-mono uppercase"
                onChange={(e) => setSymbol(e.target.value)}
              />
            )}
          </Field>
          <Field label="Timeframe">
            {(id) => (
              <Select id={id} value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe)}>
                {timeframeSchema.options.map((tf) => (
                  <option key={tf}>{tf}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Timezone">
            {(id) => (
              <>
                <TextInput
                  id={id}
                  data-testid="upload-timezone"
                  aria-invalid={invalid?.field === 'timezone'}
                  list={`${id}-zones`}
                  value={timezone}
                  onChange={(e) => setTimezone(e.target.value)}
                />
                <datalist id={`${id}-zones`}>
                  {TIMEZONES.map((zone) => (
                    <option key={zone} value={zone} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        <div>
          <Button type="submit" data-testid="upload-submit" disabled={upload.isPending}>
            {upload.isPending ? 'Uploading…' : 'Upload'}
          </Button>
        </div>
        {invalid ? (
          <p role="alert" data-testid="upload-invalid" className="text-sm text-rose-700">
            {invalid.message}
          </p>
        ) : null}
        {progress && (upload.isPending || upload.isSuccess) ? (
          <UploadProgressBar
            progress={progress}
            phase={upload.isSuccess ? 'done' : progress.percent >= 100 ? 'processing' : 'sending'}
          />
        ) : null}
        {upload.isError ? <UploadError error={upload.error} /> : null}
        {upload.data ? <UploadSummary summary={upload.data} /> : null}
      </form>
    </Panel>
  );
}
