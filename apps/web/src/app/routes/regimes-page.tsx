import type { RegimeFit } from '@marketlens/contracts';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useInstruments } from '../../features/instruments/api/instruments.api';
import { SyntheticBadge } from '../../features/instruments/components/synthetic-badge';
import { isFinished, useDeleteRegimeFit, useRegimeFit, useRegimeFits } from '../../features/regimes/api/regimes.api';
import { RegimeError } from '../../features/regimes/components/regime-error';
import { RegimeFitList } from '../../features/regimes/components/regime-fit-list';
import { RegimeOptionsForm } from '../../features/regimes/components/regime-options-form';
import { RegimeResults } from '../../features/regimes/components/regime-results';
import { RegimeRunProgress } from '../../features/regimes/components/regime-run-progress';
import { useRegimeRun } from '../../features/regimes/hooks/use-regime-run';
import { hasRole, useSession } from '../../shared/api/use-session';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

function RunStatus({ fit, runner }: { fit: RegimeFit | undefined; runner: ReturnType<typeof useRegimeRun> }) {
  if (runner.phase) return <RegimeRunProgress phase={runner.phase} fraction={runner.fraction} />;
  if (runner.error) return <RegimeError error={runner.error} />;
  if (fit && !isFinished(fit)) {
    return <RegimeRunProgress phase={fit.status === 'queued' ? 'queued' : 'running'} fraction={fit.progress} />;
  }
  if (fit?.status === 'failed') return <RegimeError error={new Error(fit.error ?? 'The fit failed.')} />;
  return null;
}

export default function RegimesPage() {
  const { user } = useSession();
  const canRun = hasRole(user?.role, 'analyst');
  const instruments = useInstruments();
  const [params, setParams] = useSearchParams();
  const list = instruments.data?.instruments ?? [];
  // Symbol and fit live in the URL so a reload or a shared link opens the same result.
  const instrument = list.find((i) => i.symbol === params.get('symbol')) ?? list[0] ?? null;
  const symbol = instrument?.symbol ?? null;
  const fits = useRegimeFits(symbol);
  const fitId = params.get('fit') ?? fits.data?.fits.find((f) => f.status === 'succeeded')?.id ?? null;
  const fit = useRegimeFit(fitId);
  const select = (next: { symbol?: string; fit?: string | null }) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (next.symbol !== undefined) out.set('symbol', next.symbol);
        if (next.fit === null) out.delete('fit');
        else if (next.fit !== undefined) out.set('fit', next.fit);
        return out;
      },
      { replace: true },
    );
  const runner = useRegimeRun((created) => select({ fit: created.id }));
  const remove = useDeleteRegimeFit((id) => (id === fitId ? select({ fit: null }) : undefined));

  // A queued fit finishing changes its row in the list too.
  const status = fit.data?.status;
  const refetchFits = fits.refetch;
  useEffect(() => {
    if (status === 'succeeded' || status === 'failed') void refetchFits();
  }, [status, refetchFits]);

  const shown = fit.data;
  return (
    <>
      <PageHeader
        title="Regimes"
        description="Hidden Markov regimes of an instrument's returns: fit, inspect the states, export."
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Panel title="Fit options" className="self-start">
          {instruments.isPending ? (
            <Loading label="Loading instruments…" />
          ) : instruments.isError ? (
            <ErrorNotice error={instruments.error} onRetry={() => void instruments.refetch()} />
          ) : !canRun ? (
            <p className="text-sm text-slate-500">Running a fit needs the analyst role; you can open past fits.</p>
          ) : (
            <div className="flex flex-col gap-4">
              <RegimeOptionsForm
                instruments={list}
                symbol={symbol ?? ''}
                onSymbolChange={(next) => {
                  runner.reset();
                  select({ symbol: next, fit: null });
                }}
                onRun={(run) => {
                  runner.reset();
                  runner.run(run);
                }}
                running={runner.isPending}
              />
              <RunStatus fit={shown} runner={runner} />
            </div>
          )}
        </Panel>
        <Panel
          title={
            <span className="flex items-center gap-2">
              Past fits{symbol ? <span className="font-mono font-normal text-slate-500">{symbol}</span> : null}
              {instrument?.synthetic ? <SyntheticBadge /> : null}
            </span>
          }
          className="self-start"
        >
          {!canRun && list.length > 0 ? (
            <div className="mb-3 flex flex-wrap gap-1.5">
              {list.map((i) => (
                <button
                  key={i.symbol}
                  type="button"
                  aria-pressed={i.symbol === symbol}
                  onClick={() => select({ symbol: i.symbol, fit: null })}
                  className="rounded-md px-2 py-0.5 font-mono text-xs font-semibold ring-1 ring-slate-300 ring-inset aria-pressed:bg-slate-900 aria-pressed:text-white"
                >
                  {i.symbol}
                </button>
              ))}
            </div>
          ) : null}
          {fits.isError ? (
            <ErrorNotice error={fits.error} onRetry={() => void fits.refetch()} />
          ) : !fits.data ? (
            <Loading label="Loading fits…" />
          ) : fits.data.fits.length === 0 ? (
            <EmptyState title="No fits for this instrument yet">
              {canRun ? 'Choose options and run one.' : 'An analyst can run one.'}
            </EmptyState>
          ) : (
            <RegimeFitList
              fits={fits.data.fits}
              selected={fitId}
              onOpen={(id) => select({ fit: id })}
              onDelete={canRun ? (id) => remove.mutate(id) : undefined}
              deleting={remove.isPending ? (remove.variables ?? null) : null}
            />
          )}
          {remove.isError ? <ErrorNotice error={remove.error} title="Could not delete the fit" /> : null}
        </Panel>
      </div>
      <div className="mt-5">
        {fit.isError ? (
          <ErrorNotice error={fit.error} title="Could not load the fit" onRetry={() => void fit.refetch()} />
        ) : shown?.status === 'succeeded' && shown.result ? (
          <RegimeResults key={shown.id} fit={shown} result={shown.result} />
        ) : null}
      </div>
    </>
  );
}
