import { strategyDefinitionSchema, type StrategyDefinition } from '@marketlens/contracts';
import { compileRuleSet, InvalidRuleError } from '@marketlens/quant';
import { InvalidStrategyError, type StrategyProblem } from './invalid-strategy.error';

const RULE_FIELDS = ['entry', 'exit', 'entryShort', 'exitShort'] as const;

/**
 * Every problem of a strategy document: the schema's (types, ranges, unknown keys), and the compiler's for
 * every rule written as text, even when other fields are still wrong, so an editor can mark a rule while the
 * rest of the document is unfinished. A rule's position is a 0-based offset into the text as written.
 */
export function findStrategyProblems(doc: unknown): {
  definition: StrategyDefinition | null;
  problems: StrategyProblem[];
} {
  const parsed = strategyDefinitionSchema.safeParse(doc);
  const problems: StrategyProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(document)', message: i.message }));
  const fields = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {};
  for (const field of RULE_FIELDS) {
    const text = fields[field];
    if (typeof text !== 'string' || text.trim() === '' || problems.some((p) => p.path === field)) continue;
    try {
      compileRuleSet({ [field]: text });
    } catch (err) {
      if (!(err instanceof InvalidRuleError)) throw err;
      problems.push({ path: field, message: err.cause.message, position: err.position });
    }
  }
  return { definition: parsed.success && problems.length === 0 ? parsed.data : null, problems };
}

/**
 * Validates a strategy document completely before anything is stored or run: the schema, then every rule
 * through the compiler, so an unknown indicator or a wrong arity is an error at save time with its rule and
 * column, never at run time. All problems are reported at once (InvalidStrategyError).
 */
export function parseStrategyDocument(doc: unknown): StrategyDefinition {
  const { definition, problems } = findStrategyProblems(doc);
  if (!definition) throw new InvalidStrategyError(problems);
  return definition;
}

/** Bars before every rule of a valid strategy can be known (indicator warm-ups, offsets, crosses). */
export function strategyWarmUpBars(definition: StrategyDefinition): number {
  const rules: Record<string, string> = {};
  for (const field of RULE_FIELDS) {
    const text = definition[field];
    if (text !== undefined) rules[field] = text;
  }
  return compileRuleSet(rules).warmUp;
}
