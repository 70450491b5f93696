import type { IndicatorSpec } from './indicator-catalog';

/**
 * A checked rule expression, what the rule compiler has resolved (kinds checked, indicator defaults filled,
 * canonical keys): the streaming compiler builds its closures from it and rule-batch.ts evaluates it over
 * whole columns, so the two never disagree about what a rule means.
 */
export interface PlanNode {
  /** Canonical text: equal keys are the same value (the streaming compiler shares one instance). */
  readonly key: string;
  readonly plan: RulePlan;
}

/** One indicator computation (all its fields), by its call key, e.g. `macd(close, 12, 26, 9)`. */
export interface PlannedCall {
  readonly key: string;
  readonly spec: IndicatorSpec;
  readonly params: readonly number[];
  /** The numeric source of a `value` indicator; none for `bar` indicators. */
  readonly source?: PlanNode;
}

export type RulePlan =
  | { readonly op: 'constant'; readonly value: number }
  | { readonly op: 'series'; readonly name: string }
  | { readonly op: 'indicator'; readonly call: PlannedCall; readonly field?: string }
  | { readonly op: 'offset'; readonly target: PlanNode; readonly bars: number }
  | { readonly op: 'negate' | 'not'; readonly operand: PlanNode }
  | {
      readonly op: 'arithmetic' | 'comparison' | 'logical';
      readonly operator: string;
      readonly left: PlanNode;
      readonly right: PlanNode;
    }
  | { readonly op: 'crosses'; readonly above: boolean; readonly a: PlanNode; readonly b: PlanNode };
