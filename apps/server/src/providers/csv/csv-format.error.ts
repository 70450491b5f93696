/** A CSV file that cannot be imported at all (as opposed to a single rejected row). */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  constructor(
    /** 1-based physical line in the file (0 when the file has no lines). */
    readonly line: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`line ${line}: ${reason}`, options);
  }
}
