import { BadRequestError, HttpError } from '../../http/http-errors';

/**
 * Quant input errors (bad params, data the models cannot use) as 400 answers naming the problem;
 * HTTP errors and anything else unchanged (a bug stays a 500).
 */
export function toForecastHttpError(err: unknown): unknown {
  if (err instanceof HttpError) return err;
  if (err instanceof Error && QUANT_INPUT_ERRORS.has(err.name)) {
    return new BadRequestError('INVALID_TRAINING_INPUT', err.message, undefined, { cause: err });
  }
  return err;
}

/** Error classes of packages/quant's forecast and model code that mean "this input cannot be used". */
const QUANT_INPUT_ERRORS = new Set<string>(['ForecastInputError', 'ForecasterInputError']);
