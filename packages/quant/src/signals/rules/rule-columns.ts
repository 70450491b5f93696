/**
 * The rule language's operators over whole columns, for the batch evaluator (rule-batch.ts): the same
 * arithmetic and three-valued logic as the streaming closures of rule-compiler.ts, one loop per operator so
 * each loop stays monomorphic. Each writes every entry of `out` (pooled columns come with stale contents). Numbers are Float64Arrays (NaN: unknown); truth values are Uint8Arrays of
 * FALSE, TRUE or UNKNOWN, an eighth of the memory: a backtest allocates them for a million bars at a time,
 * and fresh memory (page faults, garbage collections) costs more there than the arithmetic.
 */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

export function columnArithmetic(op: string, l: Float64Array, r: Float64Array, out: Float64Array): Float64Array {
  const n = out.length;
  if (op === '+') for (let i = 0; i < n; i++) out[i] = l[i]! + r[i]!;
  else if (op === '-') for (let i = 0; i < n; i++) out[i] = l[i]! - r[i]!;
  else if (op === '*') for (let i = 0; i < n; i++) out[i] = l[i]! * r[i]!;
  else {
    // Division by zero (or an infinite quotient) is unknown, as in the stream.
    for (let i = 0; i < n; i++) {
      const q = l[i]! / r[i]!;
      out[i] = Number.isFinite(q) ? q : Number.NaN;
    }
  }
  return out;
}

/** The operator that gives the same answer with its sides swapped (`30 > x` is `x < 30`). */
export const SWAPPED: Readonly<Record<string, string>> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '==': '==',
  '!=': '!=',
};

/** TRUE or FALSE, UNKNOWN when either side is NaN; `r` is a column or a constant (the usual `rsi(...) < 30`). */
export function columnComparison(op: string, l: Float64Array, r: Float64Array | number, out: Uint8Array): Uint8Array {
  const n = l.length;
  // Branch-free (random data makes a branch per bar mispredict): the test gives TRUE or FALSE, and a NaN
  // side, for which every test but `!=` is false, adds UNKNOWN (2) after `!=` is cleared.
  if (typeof r === 'number') {
    // A constant is never NaN.
    const b = r;
    let a = 0;
    if (op === '<') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) < b) + 2 * +(a !== a);
    else if (op === '<=') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) <= b) + 2 * +(a !== a);
    else if (op === '>') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) > b) + 2 * +(a !== a);
    else if (op === '>=') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) >= b) + 2 * +(a !== a);
    else if (op === '==') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) === b) + 2 * +(a !== a);
    else for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) !== b && a === a) + 2 * +(a !== a);
    return out;
  }
  // The NaN test is written out in each loop: through a helper that V8 did not inline, the two sides were
  // boxed on every bar (32 MB of garbage per million bars).
  let a = 0;
  let b = 0;
  if (op === '<') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) < (b = r[i]!)) + 2 * +(a !== a || b !== b);
  else if (op === '<=') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) <= (b = r[i]!)) + 2 * +(a !== a || b !== b);
  else if (op === '>') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) > (b = r[i]!)) + 2 * +(a !== a || b !== b);
  else if (op === '>=') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) >= (b = r[i]!)) + 2 * +(a !== a || b !== b);
  else if (op === '==') for (let i = 0; i < n; i++) out[i] = +((a = l[i]!) === (b = r[i]!)) + 2 * +(a !== a || b !== b);
  else {
    for (let i = 0; i < n; i++) {
      const u = 2 * +((a = l[i]!) !== a || (b = r[i]!) !== b);
      out[i] = u === 0 ? +(a !== b) : u;
    }
  }
  return out;
}

/** Kleene: false and unknown = false, true or unknown = true; otherwise unknown unless both are known. */
export function columnLogical(op: string, l: Uint8Array, r: Uint8Array, out: Uint8Array): Uint8Array {
  const n = l.length;
  if (op === 'and') {
    for (let i = 0; i < n; i++) {
      const a = l[i]!;
      const b = r[i]!;
      out[i] = a === FALSE || b === FALSE ? FALSE : a === TRUE && b === TRUE ? TRUE : UNKNOWN;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const a = l[i]!;
      const b = r[i]!;
      out[i] = a === TRUE || b === TRUE ? TRUE : a === FALSE && b === FALSE ? FALSE : UNKNOWN;
    }
  }
  return out;
}

/** not unknown = unknown. */
export function columnNot(x: Uint8Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < x.length; i++) out[i] = x[i] === TRUE ? FALSE : x[i] === FALSE ? TRUE : UNKNOWN;
  return out;
}

/** `x[bars]`: the value `bars` positions earlier, unknown for the first `bars`. */
export function columnShift<C extends Float64Array | Uint8Array>(values: C, bars: number, out: C): C {
  const n = values.length;
  out.fill(values instanceof Float64Array ? Number.NaN : UNKNOWN, 0, Math.min(bars, n));
  if (n > bars) out.set(values.subarray(0, n - bars), bars);
  return out;
}

/**
 * crosses_above(a, b): at or below on the previous bar, strictly above now (crosses_below the mirror);
 * unknown on the first bar and wherever either side is NaN now or on the previous bar.
 */
export function columnCrosses(above: boolean, a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array {
  const n = a.length;
  if (n > 0) out[0] = UNKNOWN;
  for (let i = 1; i < n; i++) {
    const pa = a[i - 1]!;
    const pb = b[i - 1]!;
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(pa) || Number.isNaN(pb) || Number.isNaN(x) || Number.isNaN(y)) out[i] = UNKNOWN;
    else out[i] = (above ? pa <= pb && x > y : pa >= pb && x < y) ? TRUE : FALSE;
  }
  return out;
}
