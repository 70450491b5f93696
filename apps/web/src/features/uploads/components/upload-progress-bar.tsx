import { formatBytes } from '../../../shared/format/format';
import type { UploadProgress } from '../../../shared/api/xhr-transport';

type Phase = 'sending' | 'processing' | 'done';

const label = (phase: Phase, progress: UploadProgress) =>
  phase === 'done'
    ? `Uploaded ${formatBytes(progress.total)}`
    : phase === 'processing'
      ? 'Uploaded; the server is importing…'
      : `Uploading ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}`;

export function UploadProgressBar({ progress, phase }: { progress: UploadProgress; phase: Phase }) {
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        data-testid="upload-progress"
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${progress.percent}%` }} />
      </div>
      <p className="flex justify-between text-xs text-slate-500">
        <span>{label(phase, progress)}</span>
        <span className="font-mono tabular-nums">{progress.percent}%</span>
      </p>
    </div>
  );
}
