import { HMMInputError, InsufficientDataError, InvalidParamsError } from '@marketlens/quant';
import { packBars, unpackBars, type BarColumns } from '../../compute/bar-columns';
import type { ComputePool } from '../../compute/compute-pool';
import { defineComputeTask, type ComputeTaskIO } from '../../compute/compute-task';
import { computeRegimeFit, type RegimeFitComputation } from './regime-fit-compute';
import type { RegimeFitPlan, RegimeFitSettings } from './regime-fit-plan';
import { RegimeInputError } from './regime-input.error';

export interface RegimeFitInput {
  /** The plan made (and validated) on the calling thread, its bars packed into columns. */
  plan: Omit<RegimeFitPlan, 'bars'> & { bars: BarColumns };
  settings: RegimeFitSettings;
  periodsPerYear: number;
}

/** EM iterations done and planned, after each unit of work (one restart of one K). */
export interface RegimeFitProgress {
  done: number;
  planned: number;
}

/** computeRegimeFit (every candidate K and restart, decoding, statistics) on a compute worker. */
export const regimeFitTask = defineComputeTask({
  name: 'regimes.fit-hmm',
  module: import.meta.url,
  errors: [InsufficientDataError, HMMInputError, InvalidParamsError, RegimeInputError],
  run: (input: RegimeFitInput, io: ComputeTaskIO<RegimeFitProgress>): Promise<RegimeFitComputation> =>
    computeRegimeFit(
      { ...input.plan, bars: unpackBars(input.plan.bars) },
      {
        settings: input.settings,
        periodsPerYear: input.periodsPerYear,
        onProgress: (done, planned) => io.progress({ done, planned }),
      },
    ),
});

/**
 * Fits off the event loop. The plan's feature matrices are copied (a memcpy each); its bars travel as
 * transferred columns. Aborting `signal` terminates the worker, so a shutdown does not wait for EM.
 */
export function fitOnComputePool(
  compute: ComputePool,
  plan: RegimeFitPlan,
  options: {
    settings: RegimeFitSettings;
    periodsPerYear: number;
    onProgress?: (done: number, planned: number) => Promise<void> | void;
    signal?: AbortSignal;
  },
): Promise<RegimeFitComputation> {
  const { columns, transfer } = packBars(plan.bars);
  const { onProgress } = options;
  return compute.run(
    regimeFitTask,
    { plan: { ...plan, bars: columns }, settings: options.settings, periodsPerYear: options.periodsPerYear },
    {
      transfer,
      signal: options.signal,
      onProgress: onProgress ? ({ done, planned }) => onProgress(done, planned) : undefined,
    },
  );
}
