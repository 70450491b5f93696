import type { ModelDetail } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { cx } from '../../../shared/ui/cx';
import { Table, Td, Th } from '../../../shared/ui/table';
import type { PendingChange } from './registry-change-dialog';

function who(userId: string | null, me: string | null): string {
  if (userId === null) return 'system';
  return userId === me ? 'you' : `user ${userId.slice(0, 8)}`;
}

function move(from: number | null, to: number | null): string {
  if (from === null) return `set to v${to}`;
  if (to === null) return `removed (was v${from})`;
  return `v${from} → v${to}${to < from ? ' (roll back)' : ''}`;
}

/** A registered model: where its aliases point, its versions (promote / archive), and who moved what, and why. */
export function ModelDetailView({
  model,
  canChange,
  me,
  onChange,
  onOpenRun,
}: {
  model: ModelDetail;
  canChange: boolean;
  me: string | null;
  onChange: (change: PendingChange) => void;
  onOpenRun: (runId: string) => void;
}) {
  const aliases = Object.entries(model.aliases).sort(([a], [b]) =>
    a === 'champion' ? -1 : b === 'champion' ? 1 : a.localeCompare(b),
  );
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold tracking-wider text-slate-500 uppercase">Aliases</span>
        {aliases.length === 0 ? <span className="text-xs text-slate-400">none</span> : null}
        {aliases.map(([alias, version]) => (
          <span
            key={alias}
            className={cx(
              'inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs ring-1 ring-inset',
              alias === 'champion' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-slate-50 ring-slate-200',
            )}
          >
            <span className="font-semibold">{alias}</span>
            <span className="text-slate-400">→</span>
            <span className="font-mono font-semibold">
              v<span data-testid={`models-alias-${alias}`}>{version}</span>
            </span>
          </span>
        ))}
      </div>
      <Table>
        <thead>
          <tr>
            <Th>Version</Th>
            <Th>Aliases</Th>
            <Th>Description</Th>
            <Th>Created</Th>
            <Th>Run</Th>
            {canChange ? <Th className="text-right">Actions</Th> : null}
          </tr>
        </thead>
        <tbody>
          {model.versions.map((v) => (
            <tr
              key={v.version}
              data-testid={`models-version-row-${v.version}`}
              className={v.status === 'archived' ? 'text-slate-400' : undefined}
            >
              <Td className="font-mono font-semibold">v{v.version}</Td>
              <Td>
                <span className="flex flex-wrap gap-1">
                  {v.aliases.map((a) => (
                    <Badge key={a} tone={a === 'champion' ? 'success' : 'neutral'}>
                      {a}
                    </Badge>
                  ))}
                  {v.status === 'archived' ? <Badge tone="warning">archived</Badge> : null}
                </span>
              </Td>
              <Td className="text-xs">{v.description ?? '—'}</Td>
              <Td className="text-xs whitespace-nowrap">{formatDateTime(v.createdAt)}</Td>
              <Td>
                <button
                  type="button"
                  onClick={() => onOpenRun(v.runId)}
                  className="font-mono text-xs text-sky-700 underline-offset-2 hover:underline"
                >
                  {v.runId.slice(0, 8)}
                </button>
              </Td>
              {canChange ? (
                <Td className="text-right whitespace-nowrap">
                  <span className="inline-flex gap-1.5">
                    <Button
                      size="sm"
                      variant="secondary"
                      data-testid={`models-promote-${v.version}`}
                      disabled={v.status === 'archived'}
                      onClick={() =>
                        onChange({
                          kind: 'alias',
                          version: v.version,
                          alias: 'champion',
                          currentVersion: model.aliases.champion ?? null,
                        })
                      }
                    >
                      Set alias…
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      data-testid={`models-archive-${v.version}`}
                      disabled={v.status === 'archived' || v.aliases.length > 0}
                      title={v.aliases.length > 0 ? 'Move its aliases first' : undefined}
                      onClick={() => onChange({ kind: 'archive', version: v.version })}
                    >
                      Archive
                    </Button>
                  </span>
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      <section className="flex flex-col gap-1.5">
        <h3 className="text-xs font-semibold tracking-wider text-slate-500 uppercase">History</h3>
        {model.history.length === 0 ? (
          <p className="text-xs text-slate-400">No alias changes yet.</p>
        ) : (
          <ol data-testid="models-history" className="flex flex-col gap-1 text-xs">
            {model.history.map((h, i) => (
              <li key={`${h.at}-${h.alias}-${i}`} className="flex flex-wrap gap-x-2 text-slate-600">
                <span className="whitespace-nowrap text-slate-400">{formatDateTime(h.at)}</span>
                <span className="font-semibold text-slate-800">{h.alias}</span>
                <span className="font-mono">{move(h.fromVersion, h.toVersion)}</span>
                <span>by {who(h.userId, me)}:</span>
                <span className="text-slate-800 italic">“{h.reason}”</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
