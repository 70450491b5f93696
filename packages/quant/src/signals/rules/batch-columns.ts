import type { OhlcvBar } from '../../bars/ohlcv-bar';
import type { BarColumns } from '../../indicators/bar-columns';
import { allFinite } from '../../indicators/indicator';
import type { BacktestBars } from '../engine/backtest-bars';
import { COLUMN_POOL } from './column-pool';
import { SERIES } from './indicator-catalog';
import type { PlanNode, PlannedCall, RulePlan } from './rule-plan';
import {
  columnArithmetic,
  columnComparison,
  columnCrosses,
  columnLogical,
  columnNot,
  columnShift,
  SWAPPED,
} from './rule-columns';

/** An indicator's output over the series: one column, or one per field name of the rule language. */
type CallResult = Float64Array | Readonly<Record<string, Float64Array>>;

/**
 * Every plan node's column over `bars`, computed once per canonical key: numbers as Float64Arrays (or a
 * constant kept scalar where an operator takes one), conditions as TRUE/FALSE/UNKNOWN Uint8Arrays
 * (rule-columns.ts). The rules are checked before they get here, so a node's kind is known from where
 * it is used.
 */
export class BatchColumns {
  private readonly n: number;
  private readonly numbers = new Map<string, Float64Array | number>();
  private readonly truths = new Map<string, Uint8Array>();
  private readonly calls = new Map<string, CallResult>();
  /** Every column made for this pass, scratch included: what release() hands back. */
  private readonly made: Array<Float64Array | Uint8Array> = [];
  /** Finite values of an indicator source, by its key: rsi, ema and sma of close check close once. */
  private readonly finite = new Map<string, number>();

  constructor(private readonly bars: BacktestBars) {
    this.n = bars.length;
  }

  /** A number node as a column. */
  of(node: PlanNode): Float64Array {
    const value = this.number(node);
    if (typeof value !== 'number') return value;
    const column = this.take64().fill(value);
    this.numbers.set(node.key, column);
    return column;
  }

  /** A condition node: TRUE, FALSE or UNKNOWN at each bar. */
  truth(node: PlanNode): Uint8Array {
    let values = this.truths.get(node.key);
    if (values === undefined) {
      values = this.condition(node.plan);
      this.truths.set(node.key, values);
    }
    return values;
  }

  release(): void {
    COLUMN_POOL.giveBack(this.made);
    this.made.length = 0;
  }

  private take64(length = this.n): Float64Array {
    const column = COLUMN_POOL.take64(length);
    this.made.push(column);
    return column;
  }

  private take8(): Uint8Array {
    const column = COLUMN_POOL.take8(this.n);
    this.made.push(column);
    return column;
  }

  private number(node: PlanNode): Float64Array | number {
    let value = this.numbers.get(node.key);
    if (value === undefined) {
      value = this.numeric(node.plan);
      this.numbers.set(node.key, value);
    }
    return value;
  }

  private numeric(plan: RulePlan): Float64Array | number {
    switch (plan.op) {
      case 'constant':
        return plan.value;
      case 'series':
        return this.series(plan.name);
      case 'indicator': {
        const result = this.call(plan.call);
        return plan.field === undefined
          ? (result as Float64Array)
          : (result as Record<string, Float64Array>)[plan.field]!;
      }
      case 'offset':
        return columnShift(this.of(plan.target), plan.bars, this.take64());
      case 'negate': {
        const x = this.of(plan.operand);
        const out = this.take64();
        for (let i = 0; i < x.length; i++) out[i] = -x[i]!;
        return out;
      }
      case 'arithmetic':
        return columnArithmetic(plan.operator, this.of(plan.left), this.of(plan.right), this.take64());
      default:
        throw new TypeError(`'${plan.op}' is a condition, not a number`);
    }
  }

  private condition(plan: RulePlan): Uint8Array {
    switch (plan.op) {
      case 'comparison': {
        const left = this.number(plan.left);
        const right = this.number(plan.right);
        if (typeof left !== 'number') return columnComparison(plan.operator, left, right, this.take8());
        if (typeof right !== 'number') return columnComparison(SWAPPED[plan.operator]!, right, left, this.take8());
        return columnComparison(plan.operator, this.of(plan.left), right, this.take8());
      }
      case 'logical':
        return columnLogical(plan.operator, this.truth(plan.left), this.truth(plan.right), this.take8());
      case 'not':
        return columnNot(this.truth(plan.operand), this.take8());
      case 'offset':
        return columnShift(this.truth(plan.target), plan.bars, this.take8());
      case 'crosses':
        return columnCrosses(plan.above, this.of(plan.a), this.of(plan.b), this.take8());
      default:
        throw new TypeError(`'${plan.op}' is a number, not a condition`);
    }
  }

  private series(name: string): Float64Array {
    const columns = this.bars.givenColumns;
    // A field given as a column is used as it is (nothing writes to a number column once made).
    if (columns !== null && RAW_FIELDS.has(name)) return columns[name as keyof BarColumns];
    const get = SERIES[name]!;
    const out = this.take64();
    const objects = this.bars.givenObjects;
    if (objects !== null) {
      for (let i = 0; i < out.length; i++) out[i] = get(objects[i]!);
      return out;
    }
    // hl2 & co over columns: SERIES' own getter on one reused row, so the arithmetic is the same.
    const c = columns!;
    const row: OhlcvBar = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
    for (let i = 0; i < out.length; i++) {
      row.ts = c.ts[i]!;
      row.open = c.open[i]!;
      row.high = c.high[i]!;
      row.low = c.low[i]!;
      row.close = c.close[i]!;
      row.volume = c.volume[i]!;
      out[i] = get(row);
    }
    return out;
  }

  private call(call: PlannedCall): CallResult {
    let result = this.calls.get(call.key);
    if (result !== undefined) return result;
    if (call.source === undefined) {
      result = this.run(call, this.bars.asColumns(), () => this.bars.asObjects(), this.n);
    } else {
      // As in the stream, the indicator runs over the values that exist, skipping the others (unknown, 1/0).
      const source = this.of(call.source);
      let finite = this.finite.get(call.source.key);
      if (finite === undefined) this.finite.set(call.source.key, (finite = countFinite(source)));
      if (finite === source.length) result = this.run(call, source, () => source, finite);
      else {
        const at = new Int32Array(finite);
        const values = this.take64(finite);
        for (let i = 0, j = 0; i < source.length; i++) {
          if (Number.isFinite(source[i]!)) {
            at[j] = i;
            values[j++] = source[i]!;
          }
        }
        result = this.scatter(
          this.run(call, values, () => values, finite),
          at,
        );
      }
    }
    this.calls.set(call.key, result);
    return result;
  }

  /**
   * The catalog's batch form, or else its streaming instance fed input by input (a catalog without batch
   * forms; `items` gives those inputs); multi-output results by the rule language's field names.
   */
  private run(
    call: PlannedCall,
    input: Float64Array | BarColumns,
    items: () => ArrayLike<unknown>,
    n: number,
  ): CallResult {
    const { spec, params } = call;
    const fields = Object.entries(spec.fields ?? {}) as Array<[string, (r: unknown) => unknown]>;
    if (spec.batch) {
      const result = spec.batch(params, input as never, spec.fields === undefined ? this.take64(n) : undefined);
      if (spec.fields === undefined) return result as Float64Array;
      this.made.push(...Object.values(result as Record<string, Float64Array>));
      // The batch result has the streaming result's keys, so the catalog's accessors pick its columns too.
      return Object.fromEntries(fields.map(([name, pick]) => [name, pick(result) as Float64Array]));
    }
    const indicator = spec.create(params);
    const add = indicator.add.bind(indicator) as (input: unknown) => unknown;
    const outputs = (spec.fields === undefined ? [['', (r: unknown) => r]] : fields) as typeof fields;
    const columns = outputs.map(() => this.take64(n).fill(Number.NaN));
    const inputs = items();
    for (let i = 0; i < n; i++) {
      const r = add(inputs[i]);
      if (r !== null) outputs.forEach(([, pick], k) => (columns[k]![i] = pick(r) as number));
    }
    if (spec.fields === undefined) return columns[0]!;
    return Object.fromEntries(outputs.map(([name], k) => [name, columns[k]!]));
  }

  /** Puts results computed over the compacted values back at their positions `at`, NaN elsewhere. */
  private scatter(result: CallResult, at: Int32Array): CallResult {
    const one = (compact: Float64Array) => {
      const out = this.take64().fill(Number.NaN);
      for (let j = 0; j < at.length; j++) out[at[j]!] = compact[j]!;
      return out;
    };
    if (result instanceof Float64Array) return one(result);
    return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, one(v)]));
  }
}

const RAW_FIELDS: ReadonlySet<string> = new Set(['open', 'high', 'low', 'close', 'volume']);

function countFinite(values: Float64Array): number {
  if (allFinite(values)) return values.length;
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite += 1;
  return finite;
}
