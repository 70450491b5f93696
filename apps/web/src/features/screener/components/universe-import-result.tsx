import type { UniverseImportResult } from '@marketlens/contracts';
import { formatInteger } from '../../../shared/format/format';
import { Table, Td, Th } from '../../../shared/ui/table';
import { describeImportError } from '../model/describe-import-error';

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
      <dt className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{label}</dt>
      <dd data-testid={testId} data-value={value} className="font-mono text-lg font-semibold tabular-nums">
        {formatInteger(value)}
      </dd>
    </div>
  );
}

/**
 * What an import made: members the rules let in, rows they left out, and rows skipped before the rules could see
 * them (no symbol, a repeated one: rows - listed). Lines with a note (skipped, or a number read as unknown) are
 * listed with the line, so the file can be fixed.
 */
export function UniverseImportSummary({ result }: { result: UniverseImportResult }) {
  const { universe, problems } = result;
  const skipped = Math.max(0, result.rows - universe.listed);
  return (
    <div className="flex flex-col gap-3">
      <div role="status" data-testid="universe-import-summary" className="flex flex-col gap-2">
        <p className="text-sm text-emerald-700">
          Imported “<span className="font-semibold">{universe.name}</span>” from {universe.source} (layout{' '}
          {result.layout}). Pick it in the universe list; it can be screened once a snapshot is taken.
        </p>
        <dl className="grid grid-cols-[repeat(auto-fit,minmax(6.5rem,1fr))] gap-2">
          <Stat label="Rows read" value={result.rows} testId="universe-import-rows" />
          <Stat label="Included" value={universe.members} testId="universe-import-included" />
          <Stat label="Left out by rules" value={universe.rejected} testId="universe-import-rejected" />
          <Stat label="Skipped" value={skipped} testId="universe-import-skipped" />
        </dl>
      </div>
      {problems.length > 0 ? (
        <div className="rounded-md border border-amber-200">
          <p className="bg-amber-50 px-3 py-1.5 text-xs font-semibold text-amber-800">
            {formatInteger(problems.length)} line{problems.length === 1 ? '' : 's'} with a note
          </p>
          <div className="max-h-48 overflow-y-auto">
            <Table data-testid="universe-import-problems" aria-label="Lines with a note">
              <thead>
                <tr>
                  <Th className="w-20">Line</Th>
                  <Th>Note</Th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={`${p.line}:${p.reason}`}>
                    <Td className="font-mono tabular-nums">{p.line}</Td>
                    <Td>{p.reason}</Td>
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

export function UniverseImportError({ error }: { error: unknown }) {
  return (
    <div
      role="alert"
      data-testid="universe-import-error"
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-800"
    >
      <p className="font-semibold">The listing was not imported.</p>
      <p>{describeImportError(error)}</p>
    </div>
  );
}
