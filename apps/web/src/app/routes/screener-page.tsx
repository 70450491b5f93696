import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useExportScreen } from '../../features/screener/api/export.api';
import { useScreen, useScreenCatalog, useSnapshots, useUniverses } from '../../features/screener/api/screener.api';
import type { ScreenResult } from '../../features/screener/api/screener.api';
import { AddToWatchlist } from '../../features/screener/components/add-to-watchlist';
import { FilterBuilder } from '../../features/screener/components/filter-builder';
import { FilterField } from '../../features/screener/components/filter-field';
import { PresetPicker } from '../../features/screener/components/preset-picker';
import { QuotaStatus } from '../../features/screener/components/quota-status';
import { SavedScreensBar } from '../../features/screener/components/saved-screens-bar';
import { ScoreWeights } from '../../features/screener/components/score-weights';
import { ScreenStatus } from '../../features/screener/components/screen-status';
import { ScreenTable } from '../../features/screener/components/screen-table';
import { ScreenerTabs } from '../../features/screener/components/screener-tabs';
import { StockDrawer } from '../../features/screener/components/stock-drawer';
import { UniverseImportPanel } from '../../features/screener/components/universe-import-panel';
import { UniversePicker } from '../../features/screener/components/universe-picker';
import { ViewTabs } from '../../features/screener/components/view-tabs';
import { WatchlistsPanel } from '../../features/screener/components/watchlists-panel';
import { useFilterDraft } from '../../features/screener/hooks/use-filter-draft';
import { useScreenerParams } from '../../features/screener/hooks/use-screener-params';
import { useSlashFocus } from '../../features/screener/hooks/use-slash-focus';
import { screenColumns } from '../../features/screener/model/columns';
import { filterProblemOf } from '../../features/screener/model/filter-problem';
import { hasRole, useSession } from '../../shared/api/use-session';
import { Button } from '../../shared/ui/button';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

export default function ScreenerPage() {
  const { user } = useSession();
  const [params, setParams] = useScreenerParams();
  const catalog = useScreenCatalog();
  const universes = useUniverses();
  const request = useMemo(
    () => ({
      universeId: params.universeId,
      asOf: params.asOf,
      filter: params.filter,
      sort: params.sort,
      view: params.view,
    }),
    [params.universeId, params.asOf, params.filter, params.sort, params.view],
  );
  const screen = useScreen(request);
  const exporter = useExportScreen();
  const filterRef = useRef<HTMLTextAreaElement>(null);
  useSlashFocus(filterRef);

  // A refused filter keeps the last good rows on screen while it is being fixed. Any other failure (a universe
  // with no snapshot yet) shows the error: rows of another universe under its name would mislead.
  const lastGood = useRef<ScreenResult | null>(null);
  if (screen.data && !screen.isPlaceholderData) lastGood.current = screen.data;
  const serverProblem = filterProblemOf(screen.error);
  const result = screen.data ?? (serverProblem ? lastGood.current : null);

  const universeId = params.universeId ?? result?.universeId ?? universes.data?.universes[0]?.id ?? null;
  const universe = universes.data?.universes.find((u) => u.id === universeId) ?? null;
  const snapshots = useSnapshots(universeId);
  const fields = catalog.data?.fields ?? null;
  const draft = useFilterDraft(params.filter, fields, (filter) => setParams({ filter }));
  const problem = draft.problem ?? (serverProblem?.target === 'filter' ? serverProblem : null);

  const catalogByName = useMemo(() => new Map((fields ?? []).map((f) => [f.name, f])), [fields]);
  const columns = useMemo(() => screenColumns(result?.fields ?? [], catalogByName), [result?.fields, catalogByName]);
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [result?.rows]);
  const closeDrawer = useCallback(() => setParams({ symbol: null }), [setParams]);
  const [importing, setImporting] = useState(false);

  if (catalog.isPending || universes.isPending) return <Loading label="Loading the screener…" />;
  if (catalog.isError) return <ErrorNotice error={catalog.error} onRetry={() => void catalog.refetch()} />;
  // Analysts and admins save screens, import universes and change watchlists (the routes' own roles).
  const canEdit = hasRole(user?.role, 'analyst');
  const current = { universeId, filter: params.filter, sort: params.sort, view: params.view };

  return (
    <>
      <PageHeader
        title="Screener"
        description="Filter a universe's latest snapshot on momentum, trend and growth; see what changed since the last one."
        actions={<QuotaStatus />}
      />
      <ScreenerTabs />
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {universes.data && universes.data.universes.length > 0 ? (
          <UniversePicker
            universes={universes.data.universes}
            universeId={universeId}
            onUniverse={(id) => setParams({ universeId: id, asOf: null })}
            snapshots={snapshots.data?.snapshots}
            asOf={params.asOf}
            onAsOf={(asOf) => setParams({ asOf })}
          />
        ) : null}
        {canEdit ? (
          <Button
            size="sm"
            variant="secondary"
            data-testid="universe-import-open"
            aria-expanded={importing}
            onClick={() => setImporting((open) => !open)}
          >
            Import universe…
          </Button>
        ) : null}
        <PresetPicker
          presets={catalog.data.presets}
          onPick={(p) =>
            setParams({ filter: p.filter, sort: p.sort, view: p.view as typeof params.view, savedId: null })
          }
        />
        <SavedScreensBar
          current={current}
          savedId={params.savedId}
          canSave={canEdit}
          onLoad={(s) =>
            setParams({ filter: s.filter, sort: s.sort, view: s.view, savedId: s.id, universeId: s.universeId })
          }
          onSaved={(s) => setParams({ savedId: s.id })}
        />
      </div>
      {canEdit && importing ? (
        <div className="mt-3">
          <UniverseImportPanel
            onClose={() => setImporting(false)}
            onPick={(id) => setParams({ universeId: id, asOf: null })}
          />
        </div>
      ) : null}
      <div className="mt-3 grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Panel title="Add a condition">
          <FilterBuilder
            fields={catalog.data.fields}
            filter={params.filter}
            onChange={(filter) => setParams({ filter })}
          />
        </Panel>
        <Panel title="Screen">
          <FilterField
            ref={filterRef}
            value={draft.draft}
            onChange={draft.setDraft}
            onSubmit={draft.submit}
            problem={problem}
            hint={
              <>
                e.g. <code className="font-mono">ret3m &gt; 15% and sector in (&quot;Technology&quot;)</code>; and, or,
                not, between, in, is null. Sort: click a column.
              </>
            }
          />
          {serverProblem?.target === 'sort' ? (
            <p role="alert" className="mt-1 text-xs text-rose-700">
              Sort “{params.sort}”: {serverProblem.message}
            </p>
          ) : null}
        </Panel>
      </div>
      <section className="mt-4 flex flex-col gap-2" aria-label="Results">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ViewTabs view={params.view} onChange={(view) => setParams({ view })} />
          <div className="flex items-center gap-2">
            {exporter.isError ? (
              <span role="alert" className="text-xs text-rose-700">
                {exporter.error.message}
              </span>
            ) : null}
            <Button
              size="sm"
              variant="secondary"
              data-testid="screen-export"
              disabled={exporter.isPending || !result || problem !== null}
              onClick={() => exporter.mutate(request)}
            >
              {exporter.isPending ? 'Exporting…' : 'Export CSV'}
            </Button>
          </div>
        </div>
        {result ? (
          <>
            <ScreenStatus
              result={result}
              members={universe?.latestSnapshot?.memberCount ?? universe?.members ?? null}
              synthetic={universe?.synthetic ?? false}
              fetching={screen.isFetching}
            />
            {result.rows.length === 0 ? (
              <EmptyState title="No stock passes this filter">Loosen a condition or pick a preset.</EmptyState>
            ) : (
              <ScreenTable
                columns={columns}
                rows={result.rows}
                sort={params.sort}
                onSort={(sort) => setParams({ sort })}
                activeIndex={active}
                onActiveChange={setActive}
                onOpen={(symbol) => setParams({ symbol })}
                openSymbol={params.symbol}
              />
            )}
            <ScoreWeights weights={catalog.data.compositeWeights} fields={catalog.data.fields} />
          </>
        ) : screen.isError && !serverProblem ? (
          <ErrorNotice error={screen.error} title="Could not run the screen" onRetry={() => void screen.refetch()} />
        ) : screen.isPending ? (
          <Loading label="Screening…" />
        ) : null}
      </section>
      <div className="mt-4">
        <WatchlistsPanel canEdit={canEdit} onOpen={(symbol) => setParams({ symbol })} />
      </div>
      {params.symbol ? (
        <StockDrawer
          symbol={params.symbol}
          universeId={universeId}
          catalog={catalog.data}
          synthetic={universe?.synthetic ?? false}
          onClose={closeDrawer}
          actions={canEdit ? <AddToWatchlist key={params.symbol} symbol={params.symbol} /> : undefined}
        />
      ) : null}
    </>
  );
}
