import { formatBytes, formatDateTime, formatInteger } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { useUploads } from '../api/uploads.api';

export function RecentUploads() {
  const uploads = useUploads();
  return (
    <Panel title="Recent uploads">
      {uploads.isPending ? (
        <Loading />
      ) : uploads.isError ? (
        <ErrorNotice error={uploads.error} onRetry={() => void uploads.refetch()} />
      ) : uploads.data.uploads.length === 0 ? (
        <EmptyState title="No uploads yet" />
      ) : (
        // Three columns, the details stacked inside them, so the table fits the narrow half of the page
        // (about 550 px at 1280 px wide) without hiding columns behind a scroll bar.
        <Table aria-label="Recent uploads">
          <thead>
            <tr>
              <Th>File</Th>
              <Th>Status</Th>
              <Th className="text-right" title="rows read; inserted / updated; rejected">
                Rows
              </Th>
            </tr>
          </thead>
          <tbody>
            {uploads.data.uploads.map((u) => (
              <tr key={u.id} data-testid={`upload-row-${u.id}`} className="align-top hover:bg-slate-50">
                <Td>
                  <span className="block max-w-52 truncate font-medium text-slate-800" title={u.filename}>
                    {u.filename}
                  </span>
                  <span className="block text-xs text-slate-400">
                    <span className="font-mono text-slate-600">{u.symbol ?? '—'}</span> · {u.timeframe} ·{' '}
                    {formatBytes(u.sizeBytes)}
                  </span>
                  <span className="block text-xs text-slate-400">{formatDateTime(u.createdAt)}</span>
                </Td>
                <Td>
                  {u.status === 'succeeded' ? (
                    <Badge tone="success">succeeded</Badge>
                  ) : (
                    <span title={u.error ?? undefined}>
                      <Badge tone="danger">failed</Badge>
                      {u.error ? (
                        <span className="mt-0.5 line-clamp-2 max-w-40 text-xs text-rose-700">{u.error}</span>
                      ) : null}
                    </span>
                  )}
                </Td>
                <NumTd>
                  {formatInteger(u.rows)}
                  <span className="block text-xs text-slate-500">
                    {formatInteger(u.inserted)} ins / {formatInteger(u.updated)} upd
                  </span>
                  {u.rejectedCount > 0 ? (
                    <span className="block text-xs text-amber-700">{formatInteger(u.rejectedCount)} rejected</span>
                  ) : null}
                </NumTd>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Panel>
  );
}
