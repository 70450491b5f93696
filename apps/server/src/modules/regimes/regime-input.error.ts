/**
 * A fit request the data cannot satisfy (too few rows, NaN in a feature, a bad bar, no bars). Raised before
 * anything is stored; the service answers 400 with `code` and `details`, the CLI prints the message.
 */
export class RegimeInputError extends Error {
  override readonly name = 'RegimeInputError';
  constructor(
    readonly code: 'NO_BARS' | 'TOO_FEW_ROWS' | 'FEATURE_NOT_FINITE' | 'FEATURE_CONSTANT' | 'BAD_BAR' | 'BAD_INIT',
    message: string,
    readonly details: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
