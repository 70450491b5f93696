import { describe, expect, it } from 'vitest';
import { regimeBars } from '../../../test/regime-fixtures';
import { parseArtifact } from './forecast-artifact';
import { computeForecastTraining, type ForecastTrainingSettings } from './forecast-training-compute';

// Issue 14: the logistic model's baseline was labelled "zero" (a 0-return forecast) while it forecast
// P(up) = the training share of ups, i.e. "always up" on a rising series. The name now says what it does,
// in the run, the artifact and the API; artifacts stored under the old name read by what they hold.

const bars = regimeBars(400, 3);
const settings = (model: ForecastTrainingSettings['model']): ForecastTrainingSettings => ({
  model,
  horizon: 1,
  interval: 0.9,
  window: 'expanding',
  timeframe: '1d',
  periodsPerYear: 252,
});

describe('the baseline a forecast is compared with', () => {
  it("is 'zero' for a regression model, stored and read back so", () => {
    const computed = computeForecastTraining(bars, 'T', settings('ridge'));
    expect(computed.baselineName).toBe('zero');
    expect(parseArtifact(computed.artifact, 'test').baselineName).toBe('zero');
  });

  it("is 'base-rate' for the logistic (direction) model, stored and read back so", () => {
    const computed = computeForecastTraining(bars, 'T', settings('logistic'));
    expect(computed.baselineName).toBe('base-rate');
    const loaded = parseArtifact(computed.artifact, 'test');
    expect(loaded.baselineName).toBe('base-rate');
    expect(loaded.baseline.kind, 'it forecasts P(up), not a return').toBe('direction');
  });

  it("reads a direction model stored when its baseline was still called 'zero' as 'base-rate'", () => {
    const artifact = JSON.parse(computeForecastTraining(bars, 'T', settings('logistic')).artifact) as {
      forecast: { baseline: { name: string } };
    };
    artifact.forecast.baseline.name = 'zero';
    expect(parseArtifact(JSON.stringify(artifact), 'old run').baselineName).toBe('base-rate');
  });
});
