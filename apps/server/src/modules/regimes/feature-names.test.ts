import { REGIME_FEATURES } from '@marketlens/contracts';
import { REGIME_FEATURE_NAMES } from '@marketlens/quant';
import { describe, expect, it } from 'vitest';

// contracts and quant may not import each other (DESIGN.md §1), so the one list of regime features is
// written twice; this test keeps the API's enum and the calculators in step.
describe('regime feature names', () => {
  it("contracts' REGIME_FEATURES equals quant's REGIME_FEATURE_NAMES, in order", () => {
    expect([...REGIME_FEATURES]).toEqual([...REGIME_FEATURE_NAMES]);
  });
});
