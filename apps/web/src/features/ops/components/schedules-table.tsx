import type { OpsSchedule } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { EmptyState } from '../../../shared/ui/states';
import { Table, Td, Th } from '../../../shared/ui/table';
import { timeUntil } from '../model/ops-words';

/** The schedules of config `jobs.schedules` (UTC cron), on or off, and when each fires next. */
export function SchedulesTable({ schedules, now }: { schedules: readonly OpsSchedule[]; now: number }) {
  if (schedules.length === 0) {
    return <EmptyState title="No schedules">Jobs run on a schedule once config jobs.schedules lists them.</EmptyState>;
  }
  return (
    <Table aria-label="Schedules" data-testid="ops-schedules">
      <thead>
        <tr>
          <Th>Job</Th>
          <Th>Cron (UTC)</Th>
          <Th>State</Th>
          <Th>Next run</Th>
        </tr>
      </thead>
      <tbody>
        {schedules.map((s) => (
          <tr key={s.name} data-testid="ops-schedule-row" data-name={s.name} data-next-run={s.nextRunAt ?? ''}>
            <Td className="font-mono text-xs whitespace-nowrap">{s.name}</Td>
            <Td className="font-mono text-xs whitespace-nowrap">{s.cron}</Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                <Badge tone={s.enabled ? 'success' : 'neutral'}>{s.enabled ? 'on' : 'off'}</Badge>
                {s.registered ? null : (
                  <Badge tone="danger" title="No handler of this name is registered">
                    unknown job
                  </Badge>
                )}
              </div>
            </Td>
            <Td className="text-xs text-slate-600">
              {s.nextRunAt ? (
                <span title={s.nextRunAt}>
                  {formatDateTime(s.nextRunAt)} <span className="text-slate-400">({timeUntil(s.nextRunAt, now)})</span>
                </span>
              ) : (
                '—'
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
