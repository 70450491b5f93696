import type { NumberOp, ScreenFilter } from './screen-filter-ast';
import { textIndex, type ScreenTable } from './screen-table';

// Three-valued logic as in SQL, one byte per row: bit 0 = true, bit 1 = false, neither = unknown (a null
// value). A comparison with a null is unknown; not(unknown) is unknown; and/or follow Kleene's tables. A row
// passes only when the whole filter is true, so a row with missing data never slips in through a `not`.
const TRUE = 1;
const FALSE = 2;
const UNKNOWN = 0;

/** Writes the node's truth values for every row into `out`. */
type Evaluate = (table: ScreenTable, out: Uint8Array) => void;

/**
 * Compiles a filter once into a function over a table's typed arrays: it returns one byte per row, 1 where
 * the row passes. Each node is a loop over a whole column (no object per row); and/or combine byte arrays.
 */
export function compileScreenFilter(filter: ScreenFilter): (table: ScreenTable) => Uint8Array {
  const evaluate = compileNode(filter);
  return (table) => {
    const truth = new Uint8Array(table.size);
    evaluate(table, truth);
    for (let i = 0; i < truth.length; i++) truth[i] = truth[i]! & TRUE;
    return truth;
  };
}

function compileNode(node: ScreenFilter): Evaluate {
  switch (node.type) {
    case 'all':
      return (_table, out) => out.fill(TRUE);
    case 'and':
    case 'or':
      return logical(node.type, compileNode(node.left), compileNode(node.right));
    case 'not': {
      const operand = compileNode(node.operand);
      return (table, out) => {
        operand(table, out);
        negate(out);
      };
    }
    case 'compare': {
      const { field, op, value } = node;
      return (table, out) => compare(numberColumn(table, field), op, value, out);
    }
    case 'between': {
      const { field, low, high, negated } = node;
      return (table, out) => {
        between(numberColumn(table, field), low, high, out);
        if (negated) negate(out);
      };
    }
    case 'in': {
      const { field, negated } = node;
      const wanted = node.values.map((v) => v.toLowerCase());
      return (table, out) => {
        within(table, field, wanted, out);
        if (negated) negate(out);
      };
    }
    case 'null': {
      const { field, negated } = node;
      return (table, out) => {
        isNull(table, field, out);
        if (negated) negate(out);
      };
    }
  }
}

function logical(op: 'and' | 'or', left: Evaluate, right: Evaluate): Evaluate {
  return (table, out) => {
    left(table, out);
    const other = new Uint8Array(out.length);
    right(table, other);
    // and: true if both are, false if either is; or: the other way round.
    if (op === 'and')
      for (let i = 0; i < out.length; i++) out[i] = (out[i]! & other[i]! & TRUE) | ((out[i]! | other[i]!) & FALSE);
    else for (let i = 0; i < out.length; i++) out[i] = ((out[i]! | other[i]!) & TRUE) | (out[i]! & other[i]! & FALSE);
  };
}

/** Swaps true and false, leaves unknown. */
function negate(out: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] = ((out[i]! & TRUE) << 1) | ((out[i]! & FALSE) >> 1);
}

function numberColumn(table: ScreenTable, field: string): Float64Array | undefined {
  const column = table.numbers[field];
  if (column !== undefined && column.length !== table.size)
    throw new RangeError(`screen table: column ${field} has ${column.length} rows, not ${table.size}`);
  return column;
}

// One loop per operator, the operator chosen outside it. NaN fails both x > v and x <= v: unknown.
function compare(column: Float64Array | undefined, op: NumberOp, v: number, out: Uint8Array): void {
  if (column === undefined) return void out.fill(UNKNOWN);
  const n = out.length;
  switch (op) {
    case '>':
      for (let i = 0; i < n; i++) out[i] = column[i]! > v ? TRUE : column[i]! <= v ? FALSE : UNKNOWN;
      return;
    case '>=':
      for (let i = 0; i < n; i++) out[i] = column[i]! >= v ? TRUE : column[i]! < v ? FALSE : UNKNOWN;
      return;
    case '<':
      for (let i = 0; i < n; i++) out[i] = column[i]! < v ? TRUE : column[i]! >= v ? FALSE : UNKNOWN;
      return;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = column[i]! <= v ? TRUE : column[i]! > v ? FALSE : UNKNOWN;
      return;
    case '=':
      for (let i = 0; i < n; i++) out[i] = column[i]! === v ? TRUE : column[i]! === column[i]! ? FALSE : UNKNOWN;
      return;
    case '!=':
      for (let i = 0; i < n; i++) out[i] = column[i]! !== column[i]! ? UNKNOWN : column[i]! !== v ? TRUE : FALSE;
      return;
  }
}

function between(column: Float64Array | undefined, low: number, high: number, out: Uint8Array): void {
  if (column === undefined) return void out.fill(UNKNOWN);
  for (let i = 0; i < out.length; i++) {
    const x = column[i]!;
    out[i] = x >= low && x <= high ? TRUE : x === x ? FALSE : UNKNOWN;
  }
}

function within(table: ScreenTable, field: string, wanted: readonly string[], out: Uint8Array): void {
  const column = table.texts[field];
  if (column === undefined) return void out.fill(UNKNOWN);
  const { codes, codeOf } = textIndex(column);
  // A byte per distinct value of the column: is it one of the wanted ones.
  const hit = new Uint8Array(codeOf.size);
  for (const value of wanted) {
    const code = codeOf.get(value);
    if (code !== undefined) hit[code] = 1;
  }
  for (let i = 0; i < out.length; i++) {
    const code = codes[i]!;
    out[i] = code < 0 ? UNKNOWN : hit[code] === 1 ? TRUE : FALSE;
  }
}

function isNull(table: ScreenTable, field: string, out: Uint8Array): void {
  const numbers = table.numbers[field];
  const texts = table.texts[field];
  if (numbers !== undefined) for (let i = 0; i < out.length; i++) out[i] = numbers[i]! !== numbers[i]! ? TRUE : FALSE;
  else if (texts !== undefined) for (let i = 0; i < out.length; i++) out[i] = texts[i] == null ? TRUE : FALSE;
  else out.fill(TRUE);
}
