import { MAX_COMPARE_RUNS, type RunDetail, type RunSummary } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { formatMetricValue, metricLabel } from '../../../shared/format/metric-format';
import { cx } from '../../../shared/ui/cx';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { RunStatusBadge } from './run-status-badge';

/** Runs of one experiment: tick 2-5 to compare, click a row for its detail. */
export function RunList({
  runs,
  details,
  metricKeys,
  checked,
  onToggle,
  selected,
  onOpen,
}: {
  runs: readonly RunSummary[];
  /** Run id -> detail, for the key metrics columns (loaded separately). */
  details: ReadonlyMap<string, RunDetail>;
  metricKeys: readonly string[];
  checked: readonly string[];
  onToggle: (id: string) => void;
  selected: string | null;
  onOpen: (id: string) => void;
}) {
  const full = checked.length >= MAX_COMPARE_RUNS;
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-8">
            <span className="sr-only">Compare</span>
          </Th>
          <Th>Run</Th>
          <Th>Status</Th>
          <Th>Started</Th>
          {metricKeys.map((key) => (
            <Th key={key} className="text-right" title={key}>
              {metricLabel(key)}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const isChecked = checked.includes(run.id);
          const metrics = details.get(run.id)?.metrics;
          return (
            <tr
              key={run.id}
              data-testid={`models-run-row-${run.id}`}
              aria-selected={run.id === selected}
              onClick={() => onOpen(run.id)}
              className={cx('cursor-pointer hover:bg-slate-50', run.id === selected && 'bg-sky-50 hover:bg-sky-50')}
            >
              <Td onClick={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  aria-label={`Compare ${run.name ?? run.id}`}
                  data-testid={`models-run-checkbox-${run.id}`}
                  checked={isChecked}
                  disabled={!isChecked && full}
                  onChange={() => onToggle(run.id)}
                  className="size-4 accent-slate-900"
                />
              </Td>
              <Td>
                <div className="font-medium text-slate-800">{run.name ?? 'unnamed run'}</div>
                <div className="font-mono text-[11px] text-slate-400">{run.id.slice(0, 8)}</div>
              </Td>
              <Td>
                <RunStatusBadge status={run.status} />
              </Td>
              <Td className="text-xs whitespace-nowrap text-slate-500">{formatDateTime(run.startedAt)}</Td>
              {metricKeys.map((key) => (
                <NumTd key={key}>{formatMetricValue(key, metrics?.find((m) => m.key === key)?.value)}</NumTd>
              ))}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
