import { useMemo } from 'react';
import { signalActionSchema } from '@marketlens/contracts';
import { useNavigate, useSearchParams } from 'react-router';
import { useDeployments, useSetDeploymentEnabled } from '../../features/signals/api/live.api';
import { useStrategies } from '../../features/signals/api/strategies.api';
import { DeploymentList } from '../../features/signals/components/deployment-list';
import { SignalFeed, StreamBadge } from '../../features/signals/components/signal-feed';
import { SignalFilters } from '../../features/signals/components/signal-filters';
import { SignalsError } from '../../features/signals/components/signals-error';
import { StrategyList } from '../../features/signals/components/strategy-list';
import { useSignalFeed } from '../../features/signals/hooks/use-signal-feed';
import type { SignalFilter } from '../../features/signals/model/signal-feed';
import { hasRole, useSession } from '../../shared/api/use-session';
import { Button } from '../../shared/ui/button';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

const strategyPath = (id: string) => `/signals/strategies/${id}`;

export default function SignalsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const canEdit = hasRole(user?.role, 'analyst');
  const isAdmin = hasRole(user?.role, 'admin');
  // Archived strategies too: their past signals still need a name in the feed.
  const strategies = useStrategies('include');
  const deployments = useDeployments();
  const toggle = useSetDeploymentEnabled();
  // The feed's filter lives in the URL, so a link opens the same view.
  const [params, setParams] = useSearchParams();
  const action = signalActionSchema.safeParse(params.get('action'));
  const filter = useMemo<SignalFilter>(
    () => ({
      strategyId: params.get('strategy') ?? undefined,
      symbol: params.get('symbol') ?? undefined,
      action: action.success ? action.data : undefined,
    }),
    [params, action.success, action.data],
  );
  const feed = useSignalFeed(filter);
  const { history } = feed;

  const all = strategies.data?.strategies;
  const names = useMemo(() => new Map((all ?? []).map((s) => [s.id, s.name])), [all]);
  const active = (all ?? []).filter((s) => s.archivedAt === null);
  const symbols = [
    ...new Set([
      ...(deployments.data?.deployments.map((d) => d.symbol) ?? []),
      ...feed.signals.map((s) => s.symbol),
      ...(filter.symbol ? [filter.symbol] : []),
    ]),
  ].sort();
  const setFilter = (next: SignalFilter) =>
    setParams(
      () => {
        const out = new URLSearchParams();
        if (next.strategyId) out.set('strategy', next.strategyId);
        if (next.symbol) out.set('symbol', next.symbol);
        if (next.action) out.set('action', next.action);
        return out;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title="Signals"
        description="Strategies as rules, backtested and run live on stored bars; each live signal with the evidence that fired it."
        actions={
          canEdit ? (
            <Button data-testid="strategy-new" onClick={() => void navigate('/signals/strategies/new')}>
              New strategy
            </Button>
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
        <Panel
          title="Live feed"
          actions={<StreamBadge status={feed.stream.status} error={feed.stream.error} />}
          className="self-start"
        >
          {feed.stream.error && feed.stream.status !== 'open' ? (
            <p role="status" className="mb-2 text-xs text-amber-800">
              {feed.stream.error}
            </p>
          ) : null}
          <SignalFilters filter={filter} onChange={setFilter} strategies={all ?? []} symbols={symbols} />
          {history.isPending ? (
            <Loading label="Loading signals…" />
          ) : history.isError ? (
            <ErrorNotice
              error={history.error}
              title="Could not load past signals"
              onRetry={() => void history.refetch()}
            />
          ) : (
            <SignalFeed
              signals={feed.signals}
              fresh={feed.fresh}
              strategyName={(id) => names.get(id) ?? 'unknown strategy'}
            />
          )}
          {history.hasNextPage ? (
            <div className="mt-3">
              <Button
                variant="ghost"
                size="sm"
                disabled={history.isFetchingNextPage}
                onClick={() => void history.fetchNextPage()}
              >
                {history.isFetchingNextPage ? 'Loading…' : 'Load older signals'}
              </Button>
            </div>
          ) : null}
        </Panel>
        <div className="flex flex-col gap-5 self-start">
          <Panel title="Running live (paper)">
            {deployments.isPending ? (
              <Loading label="Loading deployments…" />
            ) : deployments.isError ? (
              <ErrorNotice error={deployments.error} onRetry={() => void deployments.refetch()} />
            ) : deployments.data.deployments.length === 0 ? (
              <EmptyState title="Nothing runs live yet">
                {isAdmin ? 'Open a strategy and enable it on an instrument.' : 'An admin can enable a strategy live.'}
              </EmptyState>
            ) : (
              <DeploymentList
                deployments={deployments.data.deployments}
                linkTo={strategyPath}
                onToggle={isAdmin ? (d) => toggle.mutate({ id: d.id, enabled: !d.enabled }) : undefined}
                toggling={toggle.isPending ? (toggle.variables?.id ?? null) : null}
              />
            )}
            {toggle.isError ? <SignalsError error={toggle.error} title="Could not change the deployment" /> : null}
            <p className="mt-2 text-xs text-slate-500">
              Paper accounts: a dry run at each signal&rsquo;s next open, no orders are placed.
            </p>
          </Panel>
          <Panel title="Strategies">
            {strategies.isPending ? (
              <Loading label="Loading strategies…" />
            ) : strategies.isError ? (
              <ErrorNotice error={strategies.error} onRetry={() => void strategies.refetch()} />
            ) : active.length === 0 ? (
              <EmptyState title="No strategies yet">
                {canEdit ? 'Write one with New strategy.' : 'An analyst can write one.'}
              </EmptyState>
            ) : (
              <StrategyList strategies={active} linkTo={strategyPath} />
            )}
          </Panel>
        </div>
      </div>
    </>
  );
}
