import type { BacktestListItem, BacktestSummary } from '@marketlens/contracts';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/format/format';
import { formatShare, formatSignedShare } from '../../../shared/format/metric-format';
import { Badge, type BadgeTone } from '../../../shared/ui/badge';

const STATUS_TONE: Record<BacktestSummary['status'], BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
};

/** Past backtests with their headline figures, the strategy's return always beside buy-and-hold's. */
export function BacktestList({
  backtests,
  linkTo,
}: {
  backtests: readonly BacktestListItem[];
  linkTo: (id: string) => string;
}) {
  return (
    <ul data-testid="backtest-list" aria-label="Past backtests" className="flex flex-col divide-y divide-slate-100">
      {backtests.map((b) => (
        <li key={b.id} data-testid={`backtest-row-${b.id}`} className="flex flex-col gap-0.5 py-2 first:pt-0 last:pb-0">
          <div className="flex items-center justify-between gap-3">
            <p className="min-w-0 truncate text-sm">
              <Link to={linkTo(b.id)} className="text-sky-700 hover:underline">
                {formatDateTime(b.createdAt)}
              </Link>
              <span className="font-mono text-xs text-slate-500">
                {' '}
                v{b.version} · {b.symbol} {b.timeframe}
              </span>
            </p>
            <span title={b.error ?? undefined} className="shrink-0">
              <Badge tone={STATUS_TONE[b.status]}>
                {b.status === 'running' ? `running ${Math.round(b.progress * 100)}%` : b.status}
              </Badge>
            </span>
          </div>
          {b.headline ? (
            <p className="flex flex-wrap gap-x-3 text-xs text-slate-500">
              <span>
                return <span className="font-mono text-slate-900">{formatSignedShare(b.headline.totalReturn)}</span>
              </span>
              <span>
                buy &amp; hold <span className="font-mono">{formatSignedShare(b.headline.buyAndHoldReturn)}</span>
              </span>
              <span>
                max drawdown <span className="font-mono">{formatShare(b.headline.maxDrawdown)}</span>
              </span>
              <span>{b.headline.trades} trades</span>
            </p>
          ) : b.error ? (
            <p className="truncate text-xs text-rose-700" title={b.error}>
              {b.error}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
