import { strategyDefinitionSchema, type StrategyDefinition } from '@marketlens/contracts';
import { compileRuleSet, InvalidRuleError } from '@marketlens/quant';
import { InvalidStrategyError, type StrategyProblem } from './invalid-strategy.error';

const RULE_FIELDS = ['entry', 'exit', 'entryShort', 'exitShort'] as const;

/**
 * Validates a strategy document completely before anything is stored or run: the schema (types, ranges,
 * unknown keys), then every rule through the compiler, so an unknown indicator or a wrong arity is an error
 * at save time with its rule and column, never at run time. All problems are reported at once.
 */
export function parseStrategyDocument(doc: unknown): StrategyDefinition {
  const parsed = strategyDefinitionSchema.safeParse(doc);
  if (!parsed.success) {
    throw new InvalidStrategyError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(document)', message: i.message })),
    );
  }
  const problems: StrategyProblem[] = [];
  for (const field of RULE_FIELDS) {
    const text = parsed.data[field];
    if (text === undefined) continue;
    try {
      compileRuleSet({ [field]: text });
    } catch (err) {
      if (!(err instanceof InvalidRuleError)) throw err;
      problems.push({ path: field, message: err.cause.message, position: err.position });
    }
  }
  if (problems.length > 0) throw new InvalidStrategyError(problems);
  return parsed.data;
}
