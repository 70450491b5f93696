import type { Deployment } from '@marketlens/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatBarTime } from '../../../shared/format/format';
import { formatSignedShare } from '../../../shared/format/metric-format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { PaperTrades } from './paper-trades';

interface DeploymentListProps {
  deployments: readonly Deployment[];
  linkTo: (strategyId: string) => string;
  /** Absent for non-admins: they see the paper accounts, not the switch. */
  onToggle?: (deployment: Deployment) => void;
  toggling: string | null;
}

const price = (value: number) => Number(value.toPrecision(8)).toString();

/** Live deployments with their paper accounts (a dry run: no orders go anywhere), compact enough for a side column. */
export function DeploymentList({ deployments, linkTo, onToggle, toggling }: DeploymentListProps) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <ul data-testid="deployment-list" aria-label="Live deployments" className="flex flex-col divide-y divide-slate-100">
      {deployments.map((d) => (
        <li
          key={d.id}
          data-testid={`deployment-row-${d.symbol}`}
          data-enabled={d.enabled}
          data-last-bar={d.lastBarTs ?? ''}
          className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0"
        >
          <div className="flex items-center justify-between gap-3">
            <p className="min-w-0 truncate text-sm">
              <Link to={linkTo(d.strategyId)} className="font-medium text-sky-700 hover:underline">
                {d.strategyName}
              </Link>
              <span className="font-mono text-xs text-slate-500"> v{d.version}</span>
              <span className="text-slate-400"> on </span>
              <span className="font-mono font-semibold">{d.symbol}</span>
              <span className="font-mono text-xs text-slate-500"> {d.timeframe}</span>
            </p>
            <div className="flex shrink-0 items-center gap-2">
              <Badge tone={d.lastError ? 'danger' : d.enabled ? 'success' : 'neutral'}>
                {d.lastError ? 'error' : d.enabled ? 'enabled' : 'disabled'}
              </Badge>
              {onToggle ? (
                <Button
                  variant={d.enabled ? 'danger' : 'secondary'}
                  size="sm"
                  data-testid={`deployment-toggle-${d.symbol}`}
                  disabled={toggling === d.id}
                  onClick={() => onToggle(d)}
                >
                  {toggling === d.id ? 'Saving…' : d.enabled ? 'Disable' : 'Enable'}
                </Button>
              ) : null}
            </div>
          </div>
          <p className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-500">
            <span title="The paper account marked at the last close, as a return on its start">
              paper{' '}
              <span className="font-mono font-semibold text-slate-900">{formatSignedShare(d.markedEquity - 1)}</span>
            </span>
            <span title="Closed paper trades only">
              closed trades <span className="font-mono text-slate-700">{formatSignedShare(d.realisedEquity - 1)}</span>
            </span>
            <span>
              {d.position
                ? `${d.position.side} since ${formatBarTime(d.position.entryTs, d.timeframe)} at ${price(d.position.entryPrice)}`
                : 'flat'}
            </span>
            <span data-testid="deployment-last-bar">
              {d.lastBarTs ? `last bar ${formatBarTime(d.lastBarTs, d.timeframe)}` : 'waiting for its first live bar'}
            </span>
            <button
              type="button"
              aria-expanded={open === d.id}
              data-testid={`deployment-trades-${d.symbol}`}
              onClick={() => setOpen((id) => (id === d.id ? null : d.id))}
              className="text-sky-700 hover:underline"
            >
              {open === d.id ? 'hide paper trades' : 'paper trades'}
            </button>
          </p>
          {open === d.id ? <PaperTrades deploymentId={d.id} timeframe={d.timeframe} /> : null}
          {d.lastError ? <p className="text-xs text-rose-700">{d.lastError}</p> : null}
        </li>
      ))}
    </ul>
  );
}
