import type { ImportSummary } from '@marketlens/contracts';
import { formatInteger } from '../../../shared/format/format';
import { Table, Td, Th } from '../../../shared/ui/table';
import { describeUploadError } from './describe-upload-error';

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
      <dt className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{label}</dt>
      <dd className="font-mono text-lg font-semibold tabular-nums">{formatInteger(value)}</dd>
    </div>
  );
}

export function UploadSummary({ summary }: { summary: ImportSummary }) {
  const rejectedTotal = Math.max(summary.rejectedTotal, summary.rejected.length);
  return (
    <div className="flex flex-col gap-3">
      <div data-testid="upload-summary" role="status" className="flex flex-col gap-2">
        <p className="text-sm text-emerald-700">
          Imported <span className="font-mono font-semibold">{summary.symbol}</span> ({summary.timeframe}, layout{' '}
          {summary.layout}).
        </p>
        <dl className="grid grid-cols-[repeat(auto-fit,minmax(5.5rem,1fr))] gap-2">
          <Stat label="Rows" value={summary.rows} />
          <Stat label="Inserted" value={summary.inserted} />
          <Stat label="Updated" value={summary.updated} />
          <Stat label="Unchanged" value={summary.unchanged} />
          <Stat label="Rejected" value={rejectedTotal} />
        </dl>
      </div>
      {summary.rejected.length > 0 ? (
        <div className="rounded-md border border-amber-200">
          <p className="bg-amber-50 px-3 py-1.5 text-xs font-semibold text-amber-800">
            {formatInteger(rejectedTotal)} line{rejectedTotal === 1 ? '' : 's'} rejected
            {rejectedTotal > summary.rejected.length ? ` (first ${summary.rejected.length} shown)` : ''}
          </p>
          <div className="max-h-64 overflow-y-auto">
            <Table data-testid="upload-rejected" aria-label="Rejected lines">
              <thead>
                <tr>
                  <Th className="w-20">Line</Th>
                  <Th>Reason</Th>
                </tr>
              </thead>
              <tbody>
                {summary.rejected.map((row) => (
                  <tr key={`${row.line}:${row.reason}`}>
                    <Td className="font-mono tabular-nums">{row.line}</Td>
                    <Td>{row.reason}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function UploadError({ error }: { error: unknown }) {
  return (
    <div
      role="alert"
      data-testid="upload-error"
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-800"
    >
      <p className="font-semibold">Upload failed.</p>
      <p>{describeUploadError(error)}</p>
    </div>
  );
}
