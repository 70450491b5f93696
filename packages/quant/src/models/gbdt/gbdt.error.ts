// The GBDT reports bad input with the forecaster family's error, so callers (walk-forward, the server's error
// handler) treat every model alike; the field is a path such as `X[2][0]`, `y[5]`, `params.maxDepth`, `state.trees[3]`.
import { ForecasterInputError } from '../forecaster.error';

export const gbdtInputError = (field: string, reason: string): ForecasterInputError =>
  new ForecasterInputError('gbdt', field, reason);
