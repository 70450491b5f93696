import { ForecasterInputError, ForecastInputError, HMMInputError, InvalidParamsError } from '@marketlens/quant';
import { packBars, unpackBars, type BarColumns } from '../../compute/bar-columns';
import type { ComputePool } from '../../compute/compute-pool';
import { defineComputeTask } from '../../compute/compute-task';
import type { RawBar } from '../../providers/market-data-provider';
import { TooFewRowsError } from './forecast-errors';
import type { RegimeFeatureSource } from './forecast-regime-features';
import {
  computeForecastTraining,
  type ForecastTrainingComputation,
  type ForecastTrainingSettings,
} from './forecast-training-compute';

export interface ForecastTrainingInput {
  bars: BarColumns;
  symbol: string;
  settings: ForecastTrainingSettings;
  regime?: RegimeFeatureSource;
}

/** computeForecastTraining (features, walk-forward of model and baseline, final fit) on a compute worker. */
export const forecastTrainingTask = defineComputeTask({
  name: 'forecasts.training',
  module: import.meta.url,
  // TooFewRowsError is a 400 by itself; the quant input errors become 400s in forecast-input-errors.ts.
  errors: [TooFewRowsError, ForecastInputError, ForecasterInputError, InvalidParamsError, HMMInputError],
  run: (input: ForecastTrainingInput): ForecastTrainingComputation =>
    computeForecastTraining(unpackBars(input.bars), input.symbol, input.settings, input.regime),
});

/** Trains off the event loop: the API keeps answering while the walk-forward runs (seconds for gbdt). */
export function trainOnComputePool(
  compute: ComputePool,
  job: { bars: readonly RawBar[]; symbol: string; settings: ForecastTrainingSettings; regime?: RegimeFeatureSource },
  signal?: AbortSignal,
): Promise<ForecastTrainingComputation> {
  const { columns, transfer } = packBars(job.bars);
  const input: ForecastTrainingInput = { ...job, bars: columns };
  return compute.run(forecastTrainingTask, input, { transfer, signal });
}
