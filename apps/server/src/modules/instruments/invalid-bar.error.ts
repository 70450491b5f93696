/** A bar handed to the bar writer cannot be stored: it names the position in the batch and the bad field. */
export class InvalidBarError extends Error {
  override readonly name = 'InvalidBarError';

  constructor(
    readonly index: number,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(
      `Bar ${index} of the batch has an invalid ${field}: ${String(value)} (expected a finite number${field === 'ts' ? ' of epoch milliseconds' : ''})`,
    );
  }
}
