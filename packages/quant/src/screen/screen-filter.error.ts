/**
 * A filter or sort that cannot be read or names no field. The message names the place (0-based character
 * offset, so an editor can put the caret there) and what would have been accepted, e.g.
 * `at 17: expected a number after ">", found "and"`; for an unknown field it adds the nearest field name.
 */
export class ScreenFilterError extends Error {
  override readonly name = 'ScreenFilterError';
  constructor(
    /** 0-based offset of the offending character in the text. */
    readonly position: number,
    /** What was expected there, e.g. `a number after ">"` or `a field name`. */
    readonly expected: string,
    /** What was found instead, e.g. `"and"` or `the end of the filter`. */
    readonly found: string,
    /** The field name meant, for a misspelt one. */
    readonly suggestion?: string,
  ) {
    super(
      `at ${position}: expected ${expected}, found ${found}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    );
  }
}
