import { HMMInputError, InsufficientDataError, InvalidParamsError } from '@marketlens/quant';
import { BadRequestError } from '../../http/http-errors';
import { RegimeInputError } from './regime-input.error';

/** The engine's and the planner's input errors as 400 answers; anything else unchanged. */
export function toHttpError(err: unknown): unknown {
  if (err instanceof RegimeInputError) return new BadRequestError(err.code, err.message, err.details, { cause: err });
  if (err instanceof InsufficientDataError) {
    return new BadRequestError(
      'TOO_FEW_ROWS',
      `too few feature rows: ${err.message}`,
      { required: err.required, received: err.received },
      { cause: err },
    );
  }
  if (err instanceof HMMInputError) {
    return new BadRequestError(
      'FEATURE_NOT_FINITE',
      `feature row ${err.row}, column ${err.col}: ${err.reason}`,
      { row: err.row, col: err.col, reason: err.reason },
      { cause: err },
    );
  }
  if (err instanceof InvalidParamsError) {
    return new BadRequestError('INVALID_PARAMS', err.message, { field: err.field, reason: err.reason }, { cause: err });
  }
  return err;
}

export function asBadRequest<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw toHttpError(err);
  }
}
