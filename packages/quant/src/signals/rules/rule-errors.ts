/**
 * A rule that cannot be read: the message names the position (0-based character offset, shown 1-based as
 * "column") and what was expected there, so an editor can underline it.
 */
export class RuleSyntaxError extends Error {
  override readonly name = 'RuleSyntaxError';
  constructor(
    /** 0-based offset of the offending character in the rule text. */
    readonly position: number,
    /** What the parser would have accepted there, e.g. "an expression" or "')'". */
    readonly expected: string,
    /** What it found instead, e.g. "'and'" or "end of rule". */
    readonly found: string,
  ) {
    super(`column ${position + 1}: expected ${expected}, found ${found}`);
  }
}

/**
 * A rule that parses but means nothing: an unknown name, a wrong number or kind of arguments, a field an
 * indicator does not have, a boolean where a number belongs. Raised when the strategy is saved, never at run time.
 */
export class RuleMeaningError extends Error {
  override readonly name = 'RuleMeaningError';
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(`column ${position + 1}: ${problem}`);
  }
}

/** A syntax or meaning error, with the name of the rule it is in (`entry`, `exit` ...). */
export class InvalidRuleError extends Error {
  override readonly name = 'InvalidRuleError';
  readonly position: number;
  constructor(
    readonly rule: string,
    override readonly cause: RuleSyntaxError | RuleMeaningError,
  ) {
    super(`${rule}: ${cause.message}`, { cause });
    this.position = cause.position;
  }
}
