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
        <Table aria-label="Recent uploads">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>File</Th>
              <Th>Status</Th>
              <Th className="text-right">Rows</Th>
              <Th className="text-right" title="inserted / updated">
                Ins / upd
              </Th>
              <Th className="text-right">Rejected</Th>
            </tr>
          </thead>
          <tbody>
            {uploads.data.uploads.map((u) => (
              <tr key={u.id} className="hover:bg-slate-50">
                <Td className="text-xs whitespace-nowrap text-slate-600">{formatDateTime(u.createdAt)}</Td>
                <Td>
                  <span className="block max-w-44 truncate" title={u.filename}>
                    {u.filename}
                  </span>
                  <span className="text-xs whitespace-nowrap text-slate-400">
                    <span className="font-mono text-slate-600">{u.symbol ?? '—'}</span> · {u.timeframe} ·{' '}
                    {formatBytes(u.sizeBytes)}
                  </span>
                </Td>
                <Td>
                  {u.status === 'succeeded' ? (
                    <Badge tone="success">succeeded</Badge>
                  ) : (
                    <span title={u.error ?? undefined}>
                      <Badge tone="danger">failed</Badge>
                      {u.error ? (
                        <span className="mt-0.5 block max-w-28 truncate text-xs text-rose-700">{u.error}</span>
                      ) : null}
                    </span>
                  )}
                </Td>
                <NumTd>{formatInteger(u.rows)}</NumTd>
                <NumTd>
                  {formatInteger(u.inserted)} / {formatInteger(u.updated)}
                </NumTd>
                <NumTd className={u.rejectedCount > 0 ? 'text-amber-700' : undefined}>
                  {formatInteger(u.rejectedCount)}
                </NumTd>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Panel>
  );
}
