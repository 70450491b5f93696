/** One problem of a strategy document: where (a dotted path, and the column for a rule) and what. */
export interface StrategyProblem {
  path: string;
  message: string;
  /** 0-based character offset in the rule text, for rules. */
  position?: number;
}

/** A strategy that cannot be saved or run: every problem found, each with its path. */
export class InvalidStrategyError extends Error {
  override readonly name = 'InvalidStrategyError';
  constructor(readonly problems: readonly StrategyProblem[]) {
    const first = problems[0];
    super(
      first
        ? `invalid strategy: ${first.path}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`
        : 'invalid strategy',
    );
  }
}
