import { timeframeSchema } from '@marketlens/contracts';
import { BAR_TIMEFRAMES } from '@marketlens/quant';
import { expect, it } from 'vitest';

// quant imports nothing of ours, so it keeps its own list of timeframes; the API's list must be the same.
it('contracts and quant know the same bar timeframes, in the same order', () => {
  expect([...BAR_TIMEFRAMES]).toEqual(timeframeSchema.options);
});
