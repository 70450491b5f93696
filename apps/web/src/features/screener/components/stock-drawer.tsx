import { useEffect, useRef, type ReactNode } from 'react';
import { Badge } from '../../../shared/ui/badge';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { useDailyBars, useSymbolHistory, type ScreenCatalog } from '../api/screener.api';
import { drawerMetricGroups, regimeOf } from '../model/drawer-metrics';
import { formatScreenValue } from '../model/format-value';
import { DrawerPriceChart } from './drawer-price-chart';
import { ScoreWeights } from './score-weights';

interface StockDrawerProps {
  symbol: string;
  universeId: string | null;
  catalog: ScreenCatalog;
  synthetic: boolean;
  onClose: () => void;
  /** Things to do with the stock, under the header (the Screen page puts its watchlists here for analysts). */
  actions?: ReactNode;
}

/**
 * One stock beside the table: a year of closes, its regime, and every metric of its latest snapshot. Escape or
 * the close button shuts it; the table stays usable behind it.
 */
export function StockDrawer({ symbol, universeId, catalog, synthetic, onClose, actions }: StockDrawerProps) {
  const history = useSymbolHistory(symbol, universeId);
  const bars = useDailyBars(symbol, history.data?.barsUrl !== null && history.isSuccess);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [symbol, onClose]);

  const latest = history.data?.points.at(-1);
  const regime = latest ? regimeOf(latest.metrics) : null;
  const scoreField = catalog.fields.find((f) => f.name === 'score');

  return (
    <aside
      role="dialog"
      aria-label={`${symbol} details`}
      data-testid="stock-drawer"
      data-symbol={symbol}
      className="fixed inset-y-0 right-0 z-40 flex w-[min(500px,100vw)] flex-col border-l border-slate-200 bg-white shadow-2xl"
    >
      <header className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 text-lg font-semibold text-slate-900">
            {symbol}
            {synthetic ? <Badge tone="warning">SYNTHETIC</Badge> : null}
          </h2>
          <p className="truncate text-sm text-slate-600">{history.data?.name ?? ' '}</p>
          <p className="truncate text-xs text-slate-500">
            {[history.data?.sector, history.data?.industry].filter(Boolean).join(' · ')}
          </p>
        </div>
        <button
          ref={closeRef}
          type="button"
          data-testid="drawer-close"
          aria-label="Close (Escape)"
          onClick={onClose}
          className="rounded-md px-2 py-1 text-lg leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500"
        >
          ×
        </button>
      </header>
      {actions ? <div className="border-b border-slate-200 px-4 py-2">{actions}</div> : null}
      <div className="flex-1 overflow-y-auto px-4 py-3">
        {history.isPending ? (
          <Loading label={`Loading ${symbol}…`} />
        ) : history.isError ? (
          <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <div className="flex flex-col gap-4">
            <section aria-label="Price">
              {history.data.barsUrl === null ? (
                <p className="text-sm text-slate-500">No daily bars are stored for {symbol}.</p>
              ) : bars.isError ? (
                <ErrorNotice error={bars.error} title="Could not load the price chart" />
              ) : bars.data ? (
                <DrawerPriceChart bars={bars.data.bars} synthetic={bars.data.synthetic} />
              ) : (
                <Loading label="Loading prices…" />
              )}
            </section>
            <section aria-label="Regime" data-testid="drawer-regime" className="rounded-md bg-slate-50 px-3 py-2">
              <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Regime</h3>
              {regime ? (
                <p className="text-sm text-slate-800">
                  <span className="font-semibold">{regime.label}</span>
                  {regime.probability !== null ? (
                    <span className="text-slate-600">
                      {' '}
                      · filtered probability{' '}
                      {formatScreenValue({ name: 'prob', unit: 'fraction' }, regime.probability).text}
                    </span>
                  ) : null}
                </p>
              ) : (
                <p className="text-sm text-slate-500">
                  No regime fit is tracked for {symbol}; fit one on the Regimes page to see it here.
                </p>
              )}
            </section>
            {scoreField && latest ? (
              <section aria-label="Composite score" className="text-sm">
                <p>
                  <span className="text-slate-500">Composite score </span>
                  <span className="font-mono font-semibold" data-testid="drawer-score">
                    {formatScreenValue(scoreField, latest.metrics.score).text}
                  </span>
                </p>
                <ScoreWeights weights={catalog.compositeWeights} fields={catalog.fields} />
              </section>
            ) : null}
            {latest ? <DrawerMetrics metrics={latest.metrics} catalog={catalog} asOf={latest.asOf} /> : null}
          </div>
        )}
      </div>
    </aside>
  );
}

function DrawerMetrics({
  metrics,
  catalog,
  asOf,
}: {
  metrics: Record<string, number | string | null>;
  catalog: ScreenCatalog;
  asOf: string;
}) {
  const groups = drawerMetricGroups(metrics, catalog.fields, catalog.views);
  return (
    <section aria-label="Metrics" data-testid="drawer-metrics" data-as-of={asOf}>
      <p className="mb-1 text-xs text-slate-500">Metrics as of {asOf}</p>
      {groups.map((group) => (
        <div key={group.title} className="mb-3">
          <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{group.title}</h3>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-[13px]">
            {group.items.map((item) => (
              <div
                key={item.name}
                className="flex justify-between gap-2 border-b border-slate-100 py-0.5"
                title={item.description}
              >
                <dt className="truncate text-slate-600">{item.label}</dt>
                <dd
                  data-testid={`drawer-metric-${item.name}`}
                  className={
                    item.value.tone === 'up'
                      ? 'font-mono text-emerald-700 tabular-nums'
                      : item.value.tone === 'down'
                        ? 'font-mono text-rose-700 tabular-nums'
                        : 'font-mono text-slate-900 tabular-nums'
                  }
                >
                  {item.value.text}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}
