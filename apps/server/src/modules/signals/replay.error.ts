/** A replay that cannot start or go on: bad options, or a source whose bars are out of order. */
export class InvalidReplayError extends Error {
  override readonly name = 'InvalidReplayError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(`replay: ${message}`);
  }
}
