export const NUMBER_OPS = ['>', '>=', '<', '<=', '=', '!='] as const;
export type NumberOp = (typeof NUMBER_OPS)[number];

/**
 * A parsed screen filter. Every node but `all` keeps the 0-based offset where it starts. Text `=` and `!=`
 * parse to `in` / `not in` with one value, so the runner has one text test.
 */
export type ScreenFilter =
  /** The empty filter: every row. */
  | { type: 'all' }
  | { type: 'and' | 'or'; left: ScreenFilter; right: ScreenFilter; position: number }
  | { type: 'not'; operand: ScreenFilter; position: number }
  | { type: 'compare'; field: string; op: NumberOp; value: number; position: number }
  /** low <= field <= high; `negated` for `not between`. */
  | { type: 'between'; field: string; low: number; high: number; negated: boolean; position: number }
  /** A text field equal (case-insensitively) to one of `values`; `negated` for `not in` and `!=`. */
  | { type: 'in'; field: string; values: string[]; negated: boolean; position: number }
  /** `field is null`, or `is not null` when negated. */
  | { type: 'null'; field: string; negated: boolean; position: number };

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The filter as text again, fully parenthesised: parsing the result gives the same tree. For logs, saved-screen
 * normalisation and tests that state precedence plainly.
 */
export function formatScreenFilter(filter: ScreenFilter): string {
  switch (filter.type) {
    case 'all':
      return '';
    case 'and':
    case 'or':
      return `(${formatScreenFilter(filter.left)} ${filter.type} ${formatScreenFilter(filter.right)})`;
    case 'not':
      return `(not ${formatScreenFilter(filter.operand)})`;
    case 'compare':
      return `${filter.field} ${filter.op} ${filter.value}`;
    case 'between':
      return `${filter.field}${filter.negated ? ' not' : ''} between ${filter.low} and ${filter.high}`;
    case 'in':
      return `${filter.field}${filter.negated ? ' not' : ''} in (${filter.values.map(quote).join(', ')})`;
    case 'null':
      return `${filter.field} is${filter.negated ? ' not' : ''} null`;
  }
}
