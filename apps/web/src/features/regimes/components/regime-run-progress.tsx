export type RunPhase = 'uploading' | 'fitting' | 'queued' | 'running';

const LABELS: Record<RunPhase, string> = {
  uploading: 'Uploading the file',
  fitting: 'Fitting on the server…',
  queued: 'Queued; waiting for a worker…',
  running: 'Fitting',
};

/** Determinate when the server reports progress (or the upload does), indeterminate otherwise. */
export function RegimeRunProgress({ phase, fraction }: { phase: RunPhase; fraction: number | null }) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label="Fit progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-testid="regimes-progress"
        data-phase={phase}
        className="relative h-2 overflow-hidden rounded-full bg-slate-200"
      >
        {percent === null ? (
          <div className="absolute inset-y-0 w-1/3 animate-pulse rounded-full bg-sky-600/70" style={{ left: '33%' }} />
        ) : (
          <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${percent}%` }} />
        )}
      </div>
      <p className="flex justify-between text-xs text-slate-500">
        <span>{LABELS[phase]}</span>
        {percent === null ? null : <span className="font-mono tabular-nums">{percent}%</span>}
      </p>
    </div>
  );
}
