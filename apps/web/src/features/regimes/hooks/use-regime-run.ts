import type { RegimeFit } from '@marketlens/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { UploadProgress } from '../../../shared/api/xhr-transport';
import { uploadRegimeCsv } from '../api/regime-upload.api';
import { createRegimeFit, useRememberFit } from '../api/regimes.api';
import type { RunPhase } from '../components/regime-run-progress';
import type { RegimeRunRequest } from '../model/regime-options';

/**
 * Starts a fit from the form (JSON for stored bars, multipart for a CSV) and reports what the run is
 * doing until the server answers; polling a queued fit afterwards is the fit query's job.
 */
export function useRegimeRun(onCreated: (fit: RegimeFit) => void) {
  const remember = useRememberFit();
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (run: RegimeRunRequest) =>
      run.kind === 'bars'
        ? createRegimeFit(run.request)
        : uploadRegimeCsv({ file: run.file, query: run.query, onProgress: setUpload }),
    onMutate: () => setUpload(null),
    onSuccess: (fit) => {
      remember(fit);
      onCreated(fit);
    },
  });

  let phase: RunPhase | null = null;
  let fraction: number | null = null;
  if (mutation.isPending) {
    const sending = upload !== null && upload.percent < 100;
    phase = sending ? 'uploading' : 'fitting';
    fraction = sending ? upload.percent / 100 : null;
  }
  return {
    run: mutation.mutate,
    reset: mutation.reset,
    error: mutation.error,
    isPending: mutation.isPending,
    phase,
    fraction,
  };
}
