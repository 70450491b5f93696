import type { AuditEntry } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Table, Td, Th } from '../../../shared/ui/table';

/** `{ enabled: true, was: false }` as "enabled true · was false": short enough for a table cell. */
const detailsText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');

export function AuditLogTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <Table aria-label="Audit log" data-testid="ops-audit" containerClassName="max-h-[28rem]">
      <thead>
        <tr>
          <Th className="sticky top-0 z-10">When</Th>
          <Th className="sticky top-0 z-10">Who</Th>
          <Th className="sticky top-0 z-10">Action</Th>
          <Th className="sticky top-0 z-10">Target</Th>
          <Th className="sticky top-0 z-10">Details</Th>
          <Th className="sticky top-0 z-10">IP</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid="ops-audit-row" data-action={e.action} data-target={e.target ?? ''}>
            <Td className="text-xs whitespace-nowrap text-slate-600" title={e.at}>
              {formatDateTime(e.at)}
            </Td>
            <Td className="text-xs [overflow-wrap:anywhere]" data-testid="ops-audit-actor-cell">
              {e.actor ? (e.actor.email ?? `deleted user ${e.actor.id.slice(0, 8)}`) : 'anonymous'}
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap">{e.action}</Td>
            <Td className="font-mono text-xs [overflow-wrap:anywhere]">{e.target ?? ''}</Td>
            <Td className="max-w-72 text-xs [overflow-wrap:anywhere] text-slate-600">{detailsText(e.details)}</Td>
            <Td className="text-xs whitespace-nowrap text-slate-500">{e.ip ?? ''}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
