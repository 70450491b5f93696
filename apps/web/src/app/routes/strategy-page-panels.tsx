import type { Instrument, StrategyDetail, Timeframe } from '@marketlens/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useCreateBacktest, useStrategyBacktests } from '../../features/signals/api/backtests.api';
import { useCreateDeployment, useDeployments, useSetDeploymentEnabled } from '../../features/signals/api/live.api';
import { BacktestForm } from '../../features/signals/components/backtest-form';
import { BacktestList } from '../../features/signals/components/backtest-list';
import { DeployForm } from '../../features/signals/components/deploy-form';
import { DeploymentList } from '../../features/signals/components/deployment-list';
import { SignalsError } from '../../features/signals/components/signals-error';
import { hasRole, useSession } from '../../shared/api/use-session';
import { Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

type InstrumentsQuery = UseQueryResult<{ instruments: Instrument[] }>;

interface PanelProps {
  strategy: StrategyDetail;
  version: number;
  timeframe: Timeframe;
  instruments: InstrumentsQuery;
}

const backtestPath = (id: string) => `/signals/backtests/${id}`;
const strategyPath = (id: string) => `/signals/strategies/${id}`;

function instrumentList(instruments: InstrumentsQuery): readonly Instrument[] {
  return instruments.data?.instruments ?? [];
}

/** Backtest the version on screen (analysts) and the strategy's past backtests (everyone). */
export function StrategyBacktestPanel({
  strategy,
  version,
  timeframe,
  instruments,
  canRun,
}: PanelProps & { canRun: boolean }) {
  const navigate = useNavigate();
  const past = useStrategyBacktests(strategy.id);
  const create = useCreateBacktest((backtest) => void navigate(backtestPath(backtest.id)));
  return (
    <Panel title="Backtest">
      <div className="flex flex-col gap-4">
        {!canRun ? (
          <p className="text-sm text-slate-500">
            {strategy.archivedAt ? 'Archived strategies cannot be backtested.' : 'Backtesting needs the analyst role.'}
          </p>
        ) : instruments.isPending ? (
          <Loading label="Loading instruments…" />
        ) : instruments.isError ? (
          <ErrorNotice error={instruments.error} onRetry={() => void instruments.refetch()} />
        ) : (
          <BacktestForm
            strategyId={strategy.id}
            version={version}
            timeframe={timeframe}
            instruments={instrumentList(instruments)}
            running={create.isPending}
            onRun={(request) => create.mutate(request)}
          />
        )}
        {create.isError ? (
          <SignalsError error={create.error} title="The backtest did not start" testId="backtest-error" />
        ) : null}
        <div className="border-t border-slate-100 pt-3">
          {past.isError ? (
            <ErrorNotice error={past.error} onRetry={() => void past.refetch()} />
          ) : !past.data ? (
            <Loading label="Loading past backtests…" />
          ) : past.data.backtests.length === 0 ? (
            <EmptyState title="No backtests yet" />
          ) : (
            <BacktestList backtests={past.data.backtests} linkTo={backtestPath} />
          )}
        </div>
      </div>
    </Panel>
  );
}

/** Where the strategy runs live, with its paper accounts; admins enable it on another series or switch it. */
export function StrategyLivePanel({ strategy, version, timeframe, instruments }: PanelProps) {
  const { user } = useSession();
  const isAdmin = hasRole(user?.role, 'admin');
  const deployments = useDeployments();
  const create = useCreateDeployment();
  const toggle = useSetDeploymentEnabled();
  const mine = deployments.data?.deployments.filter((d) => d.strategyId === strategy.id) ?? [];
  return (
    <Panel title="Live (paper)">
      <div className="flex flex-col gap-3">
        {deployments.isError ? (
          <ErrorNotice error={deployments.error} onRetry={() => void deployments.refetch()} />
        ) : mine.length > 0 ? (
          <DeploymentList
            deployments={mine}
            linkTo={strategyPath}
            onToggle={isAdmin ? (d) => toggle.mutate({ id: d.id, enabled: !d.enabled }) : undefined}
            toggling={toggle.isPending ? (toggle.variables?.id ?? null) : null}
          />
        ) : (
          <p className="text-sm text-slate-500">Not running live.</p>
        )}
        {toggle.isError ? <SignalsError error={toggle.error} title="Could not change the deployment" /> : null}
        {!isAdmin ? (
          <p className="text-xs text-slate-500">Enabling a strategy live needs the admin role.</p>
        ) : strategy.archivedAt ? null : (
          <>
            <DeployForm
              version={version}
              timeframe={timeframe}
              instruments={instrumentList(instruments)}
              busy={create.isPending}
              onDeploy={(symbol) => create.mutate({ strategyId: strategy.id, version, symbol, timeframe })}
            />
            <p className="text-xs text-slate-500">
              The indicators warm up on the bars stored so far; each bar stored afterwards (ingestion, upload, replay)
              is live and may fire a signal into the feed on the Signals page.
            </p>
          </>
        )}
        {create.isError ? (
          <SignalsError error={create.error} title="Not enabled" testId="deploy-error" />
        ) : create.isSuccess ? (
          <p data-testid="deploy-done" className="text-xs text-emerald-700">
            Enabled v{create.data.version} on {create.data.symbol} {create.data.timeframe}.
          </p>
        ) : null}
      </div>
    </Panel>
  );
}
