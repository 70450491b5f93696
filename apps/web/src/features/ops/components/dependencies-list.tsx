import type { Readiness } from '@marketlens/contracts';
import { Badge } from '../../../shared/ui/badge';
import { DEPENDENCY_LABELS } from '../model/ops-words';

/** Each dependency /readyz checks, whether it answered, how fast, and if not, why. */
export function DependenciesList({ readiness }: { readiness: Readiness }) {
  return (
    <ul className="grid grid-cols-1 gap-2 sm:grid-cols-3" data-testid="ops-dependencies" data-status={readiness.status}>
      {Object.entries(readiness.checks).map(([name, check]) => (
        <li
          key={name}
          data-testid="ops-dependency"
          data-name={name}
          data-ok={check.ok}
          className="flex min-w-0 flex-col gap-1 rounded-md border border-slate-200 px-3 py-2"
        >
          <div className="flex items-center justify-between gap-2">
            <span className="text-sm font-medium text-slate-800">{DEPENDENCY_LABELS[name] ?? name}</span>
            <Badge tone={check.ok ? 'success' : 'danger'}>{check.ok ? 'ok' : 'unavailable'}</Badge>
          </div>
          <span className="text-xs text-slate-500">answered in {check.latencyMs} ms</span>
          {check.error ? <span className="text-xs [overflow-wrap:anywhere] text-rose-700">{check.error}</span> : null}
        </li>
      ))}
    </ul>
  );
}
