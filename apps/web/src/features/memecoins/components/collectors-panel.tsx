import { formatDateTime, formatInteger } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { useCollectors, type CollectorStatus } from '../api/collectors.api';
import { COLLECTOR_LABELS, collectorState, quotaWords } from '../model/collector-words';

function Collector({ c }: { c: CollectorStatus }) {
  const state = collectorState(c);
  return (
    <li data-testid="collector" data-name={c.name} data-configured={c.configured} className="py-2 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-sm font-medium text-slate-800">{COLLECTOR_LABELS[c.name]}</span>
        <Badge tone={state.tone}>{state.label}</Badge>
      </div>
      {!c.configured ? (
        <p data-testid="collector-reason" className="mt-0.5 text-xs break-words text-slate-500">
          {c.reason ?? 'Its key or URL is not set.'}
        </p>
      ) : (
        <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs text-slate-600">
          <dt className="text-slate-400">Last run</dt>
          <dd>{c.lastRunAt ? formatDateTime(c.lastRunAt) : 'never'}</dd>
          <dt className="text-slate-400">Items</dt>
          <dd className="font-mono tabular-nums">{c.itemsLastRun === null ? '—' : formatInteger(c.itemsLastRun)}</dd>
          <dt className="text-slate-400">Quota</dt>
          <dd data-testid="collector-quota">{quotaWords(c.quota)}</dd>
        </dl>
      )}
      {c.lastError ? (
        <p data-testid="collector-error" className="mt-1 text-xs break-words text-rose-700">
          Last error: {c.lastError}
        </p>
      ) : null}
    </li>
  );
}

/** Where the data comes from: each collector, whether it can run (and which setting it lacks), its last run. */
export function CollectorsPanel() {
  const collectors = useCollectors();
  return (
    <Panel title="Collectors">
      {collectors.isPending ? (
        <Loading label="Loading the collectors…" />
      ) : collectors.isError ? (
        <ErrorNotice error={collectors.error} onRetry={() => void collectors.refetch()} />
      ) : collectors.data.collectors.length === 0 ? (
        <p className="text-sm text-slate-500">No collectors on this server.</p>
      ) : (
        <ul data-testid="collectors" className="divide-y divide-slate-100">
          {collectors.data.collectors.map((c) => (
            <Collector key={c.name} c={c} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
