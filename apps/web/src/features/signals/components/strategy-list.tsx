import type { StrategySummary } from '@marketlens/contracts';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';

/** Strategies with their latest version, compact enough for a side column; the name opens the strategy. */
export function StrategyList({
  strategies,
  linkTo,
}: {
  strategies: readonly StrategySummary[];
  linkTo: (id: string) => string;
}) {
  return (
    <ul data-testid="strategy-list" aria-label="Strategies" className="flex flex-col divide-y divide-slate-100">
      {strategies.map((s) => (
        <li
          key={s.id}
          data-testid={`strategy-row-${s.name}`}
          className="flex items-baseline justify-between gap-3 py-2 first:pt-0 last:pb-0"
        >
          <div className="min-w-0">
            <Link to={linkTo(s.id)} className="text-sm font-medium text-sky-700 hover:underline">
              {s.name}
            </Link>
            {s.archivedAt ? (
              <span className="ml-2">
                <Badge>archived</Badge>
              </span>
            ) : null}
            {s.description ? <p className="truncate text-xs text-slate-500">{s.description}</p> : null}
          </div>
          <span
            className="shrink-0 font-mono text-xs whitespace-nowrap text-slate-500"
            title={`Changed ${formatDateTime(s.updatedAt)}`}
          >
            {s.timeframe} · {s.side} · v{s.latestVersion}
          </span>
        </li>
      ))}
    </ul>
  );
}
