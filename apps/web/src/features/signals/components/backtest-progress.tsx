import type { BacktestSummary } from '@marketlens/contracts';

const LABELS: Record<'queued' | 'running', string> = {
  queued: 'Queued; waiting for a worker…',
  running: 'Running the engine over the bars',
};

/** The job's progress as the server reports it (0..1 while running). */
export function BacktestProgress({ backtest }: { backtest: Pick<BacktestSummary, 'status' | 'progress'> }) {
  if (backtest.status !== 'queued' && backtest.status !== 'running') return null;
  const percent = backtest.status === 'queued' ? null : Math.round(Math.min(1, Math.max(0, backtest.progress)) * 100);
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label="Backtest progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-testid="backtest-progress"
        data-status={backtest.status}
        className="relative h-2 overflow-hidden rounded-full bg-slate-200"
      >
        {percent === null ? (
          <div className="absolute inset-y-0 w-1/3 animate-pulse rounded-full bg-sky-600/70" style={{ left: '33%' }} />
        ) : (
          <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${percent}%` }} />
        )}
      </div>
      <p className="flex justify-between text-xs text-slate-500">
        <span>{LABELS[backtest.status]}</span>
        {percent === null ? null : <span className="font-mono tabular-nums">{percent}%</span>}
      </p>
    </div>
  );
}
