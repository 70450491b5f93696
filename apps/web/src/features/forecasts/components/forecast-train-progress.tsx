export type TrainPhase = 'training' | 'queued' | 'running';

const LABELS: Record<TrainPhase, string> = {
  training: 'Training on the server (walk-forward)…',
  queued: 'Queued; waiting for a worker…',
  running: 'Training in a background job (walk-forward, then registering)…',
};

/** The server reports no fraction for a training, so the bar is indeterminate and the words say the stage. */
export function ForecastTrainProgress({ phase }: { phase: TrainPhase }) {
  return (
    <div className="flex flex-col gap-1" data-testid="forecast-train-progress" data-phase={phase}>
      <div
        role="progressbar"
        aria-label="Training progress"
        className="relative h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="absolute inset-y-0 w-1/3 animate-pulse rounded-full bg-sky-600/70" style={{ left: '33%' }} />
      </div>
      <p className="text-xs text-slate-500">{LABELS[phase]}</p>
    </div>
  );
}
