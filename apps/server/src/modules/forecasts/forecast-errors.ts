import { HttpError } from '../../http/http-errors';

/** The symbol has no serving model for this horizon: nothing was trained (or the alias was removed). */
export class NoChampionError extends HttpError {
  override readonly name = 'NoChampionError';
  constructor(
    readonly model: string,
    readonly alias: string,
  ) {
    super(
      404,
      'NO_MODEL',
      `No "${alias}" version of model "${model}": train a model first (POST /api/v1/forecasts/train)`,
      { model, alias },
    );
  }
}

/**
 * A stored model artifact cannot be used (unreadable JSON, wrong fields, checksum mismatch). 409, like the
 * registry's ARTIFACT_CORRUPT: the request is fine, the stored resource is in a bad state; retraining or
 * rolling the alias back fixes it.
 */
export class CorruptModelError extends HttpError {
  override readonly name = 'CorruptModelError';
  constructor(
    readonly where: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(
      409,
      'MODEL_ARTIFACT_CORRUPT',
      `The model artifact ${where} is corrupt (${reason}); retrain or roll the alias back`,
      { where, reason },
      options,
    );
  }
}

/** Too few bars for the walk-forward protocol (after feature warm-up and the horizon). */
export class TooFewRowsError extends HttpError {
  override readonly name = 'TooFewRowsError';
  constructor(
    readonly required: number,
    readonly received: number,
  ) {
    super(400, 'TOO_FEW_ROWS', `Too few rows to train: ${received} usable feature rows, at least ${required} needed`, {
      required,
      received,
    });
  }
}

/** The series' newest bar has no features (e.g. a gap inside the warm-up window), so nothing can be forecast. */
export class NoFeaturesForLastBarError extends HttpError {
  override readonly name = 'NoFeaturesForLastBarError';
  constructor(readonly symbol: string) {
    super(409, 'NO_FEATURES', `The newest bar of ${symbol} has no complete feature row; wait for more bars`);
  }
}

/**
 * The model was trained with the filtered probabilities of a regime fit as features, and that fit is gone
 * (deleted) or no longer holds the same model: its features cannot be rebuilt, so it cannot forecast. 409
 * like a corrupt artifact: the stored state is the problem, and retraining (or rolling back) fixes it.
 */
export class RegimeFeaturesUnavailableError extends HttpError {
  override readonly name = 'RegimeFeaturesUnavailableError';
  constructor(
    readonly model: string,
    readonly fitId: string,
    readonly reason: 'deleted' | 'changed',
  ) {
    super(
      409,
      'REGIME_FIT_UNAVAILABLE',
      reason === 'deleted'
        ? `Model ${model} uses the regime probabilities of regime fit ${fitId} as features, and that fit was deleted; retrain the model (POST /api/v1/forecasts/train)`
        : `Model ${model} uses the regime probabilities of regime fit ${fitId} as features, and that fit's model is no longer the one trained with; retrain the model (POST /api/v1/forecasts/train)`,
      { model, fitId, reason },
    );
  }
}
