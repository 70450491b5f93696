import type { Signal } from '@marketlens/contracts';
import { useState } from 'react';
import type { StreamStatus } from '../../../shared/api/event-stream';
import { formatBarTime, formatDateTime } from '../../../shared/format/format';
import { Badge, type BadgeTone } from '../../../shared/ui/badge';
import { cx } from '../../../shared/ui/cx';
import { EmptyState } from '../../../shared/ui/states';
import { ACTION_WORDS, formatFilterValue, formatIndicator } from '../model/signal-feed';

const STREAM_WORDS: Record<StreamStatus, { label: string; tone: BadgeTone }> = {
  connecting: { label: 'connecting…', tone: 'neutral' },
  open: { label: 'live', tone: 'success' },
  reconnecting: { label: 'reconnecting…', tone: 'warning' },
  closed: { label: 'offline', tone: 'danger' },
};

export function StreamBadge({ status, error }: { status: StreamStatus; error: string | null }) {
  const words = STREAM_WORDS[status];
  return (
    <span data-testid="signal-stream-status" data-status={status} title={error ?? undefined}>
      <Badge tone={words.tone}>{words.label}</Badge>
    </span>
  );
}

function Evidence({ signal }: { signal: Signal }) {
  const indicators = Object.entries(signal.evidence.indicators);
  const filters = Object.entries(signal.evidence.filters);
  return (
    <div data-testid="signal-evidence" className="mt-2 flex flex-col gap-2 rounded-md bg-slate-50 px-3 py-2 text-xs">
      <p>
        <span className="text-slate-500">Rule that fired: </span>
        <code data-testid="signal-evidence-rule" className="font-mono text-slate-900">
          {signal.evidence.rule ?? `(${signal.reason})`}
        </code>
      </p>
      {indicators.length > 0 ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5">
          {indicators.map(([name, value]) => (
            <div key={name} data-testid="signal-evidence-indicator" className="contents">
              <dt className="font-mono text-slate-600">{name}</dt>
              <dd className="font-mono text-slate-900 tabular-nums">{formatIndicator(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {filters.length > 0 ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5">
          {filters.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-slate-600">{name}</dt>
              <dd className="font-mono break-all text-slate-900">{formatFilterValue(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="text-slate-500">
        Version v{signal.version} · reason {signal.reason} · written {formatDateTime(signal.createdAt)}
        {signal.lagMs !== null ? ` · ${signal.lagMs} ms after the bar closed` : ''}
      </p>
    </div>
  );
}

interface SignalFeedProps {
  signals: readonly Signal[];
  fresh: ReadonlySet<string>;
  strategyName: (id: string) => string;
}

/** Signals newest first; a click shows the evidence (the rule, indicator values, filters). */
export function SignalFeed({ signals, fresh, strategyName }: SignalFeedProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  if (signals.length === 0) {
    return (
      <div data-testid="signal-feed" data-count={0}>
        <EmptyState title="No signals yet">
          Signals appear here as soon as a live strategy fires; this page does not need a reload.
        </EmptyState>
      </div>
    );
  }
  return (
    <ol data-testid="signal-feed" data-count={signals.length} className="flex flex-col divide-y divide-slate-100">
      {signals.map((s) => {
        const action = ACTION_WORDS[s.action];
        const expanded = open.has(s.id);
        return (
          <li
            key={s.id}
            data-testid="signal-item"
            data-id={s.id}
            data-fresh={fresh.has(s.id) ? 'yes' : undefined}
            className={cx('-mx-2 rounded-md px-2 py-2', fresh.has(s.id) && 'bg-emerald-50/60')}
          >
            <button
              type="button"
              aria-expanded={expanded}
              onClick={() => toggle(s.id)}
              className="grid w-full grid-cols-[6.5rem_minmax(0,1fr)_auto] items-center gap-3 text-left text-sm"
            >
              <Badge tone={action.tone}>{action.label}</Badge>
              <span className="min-w-0 truncate">
                <span className="font-mono font-semibold">{s.symbol}</span>
                <span className="text-slate-400"> {s.timeframe} · </span>
                <span className="text-slate-700">{strategyName(s.strategyId)}</span>
                {fresh.has(s.id) ? <span className="ml-2 text-[11px] font-semibold text-emerald-600">new</span> : null}
              </span>
              <span className="text-right text-xs whitespace-nowrap text-slate-500">
                <span className="font-mono text-slate-800 tabular-nums">{formatIndicator(s.price)}</span> · bar{' '}
                {formatBarTime(s.barTs, s.timeframe)}
              </span>
            </button>
            {expanded ? <Evidence signal={s} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
