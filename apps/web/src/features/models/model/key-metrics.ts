/** The metrics a run list shows first when the run has them. */
export const KEY_METRICS = ['rmse', 'directionalAccuracy', 'brier', 'score', 'bic'] as const;
