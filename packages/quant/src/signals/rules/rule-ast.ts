export const COMPARISON_OPS = ['<', '<=', '>', '>=', '==', '!='] as const;
export const ARITHMETIC_OPS = ['+', '-', '*', '/'] as const;
export const LOGICAL_OPS = ['and', 'or'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];
export type LogicalOp = (typeof LOGICAL_OPS)[number];

/** The parsed form of a rule. Every node keeps the 0-based offset where it starts, for error messages. */
export type RuleNode =
  | { type: 'number'; value: number; position: number }
  | { type: 'name'; name: string; position: number }
  | { type: 'call'; name: string; args: RuleNode[]; position: number }
  /** `macd(close, 12, 26, 9).hist` */
  | { type: 'field'; target: RuleNode; field: string; position: number }
  /** `x[n]`: the value of x n bars before the current one. */
  | { type: 'offset'; target: RuleNode; bars: number; position: number }
  | { type: 'negate'; operand: RuleNode; position: number }
  | { type: 'not'; operand: RuleNode; position: number }
  | { type: 'arithmetic'; op: ArithmeticOp; left: RuleNode; right: RuleNode; position: number }
  | { type: 'comparison'; op: ComparisonOp; left: RuleNode; right: RuleNode; position: number }
  | { type: 'logical'; op: LogicalOp; left: RuleNode; right: RuleNode; position: number };
