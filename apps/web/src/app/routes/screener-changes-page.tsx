import { useCallback, useMemo } from 'react';
import { useScreenDiff } from '../../features/screener/api/diffs.api';
import { useSavedScreens } from '../../features/screener/api/saved-screens.api';
import { useScreenCatalog, useSnapshots, useUniverses } from '../../features/screener/api/screener.api';
import { DiffView } from '../../features/screener/components/diff-view';
import { QuotaStatus } from '../../features/screener/components/quota-status';
import { ScreenerTabs } from '../../features/screener/components/screener-tabs';
import { SnapshotRangePicker } from '../../features/screener/components/snapshot-range-picker';
import { StockDrawer } from '../../features/screener/components/stock-drawer';
import { useScreenerParams } from '../../features/screener/hooks/use-screener-params';
import { filterProblemOf } from '../../features/screener/model/filter-problem';
import { Select } from '../../shared/ui/field';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading, Spinner } from '../../shared/ui/states';

const MOVERS = 25;

export default function ScreenerChangesPage() {
  const [params, setParams] = useScreenerParams();
  const catalog = useScreenCatalog();
  const universes = useUniverses();
  const saved = useSavedScreens();
  const request = useMemo(
    () => ({
      universeId: params.universeId,
      from: params.from,
      to: params.to,
      screenId: params.savedId,
      filter: params.filter,
      sort: params.sort,
      movers: MOVERS,
    }),
    [params.universeId, params.from, params.to, params.savedId, params.filter, params.sort],
  );
  const diff = useScreenDiff(request);
  // No universe chosen: the server compares its default one (the newest snapshot's) and says which.
  const universeId = params.universeId ?? diff.data?.universeId ?? universes.data?.universes[0]?.id ?? null;
  const universe = universes.data?.universes.find((u) => u.id === universeId) ?? null;
  const snapshots = useSnapshots(universeId);
  const closeDrawer = useCallback(() => setParams({ symbol: null }), [setParams]);
  const problem = filterProblemOf(diff.error);
  const screens = saved.data?.screens ?? [];

  if (universes.isPending) return <Loading label="Loading the screener…" />;

  return (
    <>
      <PageHeader
        title="Screener"
        description="What changed between two snapshots under one screen: who entered, who left, who moved most."
        actions={<QuotaStatus />}
      />
      <ScreenerTabs />
      <div className="mt-3 flex flex-wrap items-end gap-3" data-testid="changes-controls">
        <SnapshotRangePicker
          universes={universes.data?.universes ?? []}
          universeId={universeId}
          onUniverse={(id) => setParams({ universeId: id, from: null, to: null })}
          snapshots={snapshots.data?.snapshots ?? []}
          from={params.from ?? diff.data?.from ?? null}
          to={params.to ?? diff.data?.to ?? null}
          onRange={(range) => setParams(range)}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="changes-screen" className="text-xs font-medium text-slate-600">
            Screen
          </label>
          <Select
            id="changes-screen"
            data-testid="changes-screen"
            className="py-1 text-[13px]"
            style={{ width: 280 }}
            value={params.savedId ?? ''}
            onChange={(e) => {
              const screen = screens.find((s) => s.id === e.target.value);
              setParams(
                screen
                  ? { savedId: screen.id, filter: screen.filter, sort: screen.sort, view: screen.view }
                  : { savedId: null },
              );
            }}
          >
            <option value="">
              The Screen tab’s filter{params.filter ? `: ${params.filter.slice(0, 40)}` : ' (everything)'}
            </option>
            {screens.map((s) => (
              <option key={s.id} value={s.id}>
                Saved: {s.name}
              </option>
            ))}
          </Select>
        </div>
        {diff.isFetching ? <Spinner className="mb-2" /> : null}
      </div>
      <Panel className="mt-4" title={universe ? `Changes in ${universe.name}` : 'Changes'}>
        {diff.data ? (
          <DiffView diff={diff.data} onOpen={(symbol) => setParams({ symbol })} />
        ) : diff.isPending ? (
          <Loading label="Comparing snapshots…" />
        ) : problem ? (
          <ErrorNotice
            error={diff.error}
            title={`The screen's ${problem.target} does not read: fix it on the Screen tab`}
          />
        ) : diff.isError && /SNAPSHOT/.test((diff.error as { code?: string }).code ?? '') ? (
          <EmptyState title="Two snapshots are needed to compare">
            {diff.error.message} The daily snapshot job adds one after each ingestion.
          </EmptyState>
        ) : (
          <ErrorNotice error={diff.error} onRetry={() => void diff.refetch()} />
        )}
      </Panel>
      {params.symbol && catalog.data ? (
        <StockDrawer
          symbol={params.symbol}
          universeId={universeId}
          catalog={catalog.data}
          synthetic={universe?.synthetic ?? false}
          onClose={closeDrawer}
        />
      ) : null}
    </>
  );
}
