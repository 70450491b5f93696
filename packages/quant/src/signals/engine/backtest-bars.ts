import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { toBarColumns, type BarColumns } from '../../indicators/bar-columns';

/**
 * A backtest's bars: OhlcvBar objects, or the same fields as columns of equal length (toBarColumns). A
 * caller that holds its bars as columns (a compute worker gets them transferred that way) saves the backtest
 * from reading a million objects, and a heap of a million objects makes each full garbage collection slow.
 */
export type BacktestInput = readonly OhlcvBar[] | BarColumns;

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * The bars of one backtest pass, whichever way they came: the rule evaluator reads whole fields, the runner
 * gets bar objects only for the bars it steps through. Columns are never written to.
 */
export class BacktestBars {
  readonly length: number;
  private columnsMade: BarColumns | undefined;
  private objectsMade: readonly OhlcvBar[] | undefined;

  private constructor(
    private readonly objects: readonly OhlcvBar[] | undefined,
    private readonly columns: BarColumns | undefined,
  ) {
    this.length = objects?.length ?? columns!.ts.length;
  }

  static of(input: BacktestInput | BacktestBars): BacktestBars {
    if (input instanceof BacktestBars) return input;
    if (Array.isArray(input)) return new BacktestBars(input as readonly OhlcvBar[], undefined);
    const columns = input as BarColumns;
    for (const field of FIELDS) {
      const column: unknown = columns[field];
      if (!(column instanceof Float64Array)) throw new TypeError(`bar column ${field} must be a Float64Array`);
      if (column.length !== columns.ts.length) {
        throw new RangeError(`bar column ${field} has ${column.length} values, ts has ${columns.ts.length}`);
      }
    }
    return new BacktestBars(undefined, columns);
  }

  /** Bar `i` as an object: the caller's own, or a new one read from the columns. */
  bar(i: number): OhlcvBar {
    if (this.objects) return this.objects[i]!;
    const c = this.columns!;
    return {
      ts: c.ts[i]!,
      open: c.open[i]!,
      high: c.high[i]!,
      low: c.low[i]!,
      close: c.close[i]!,
      volume: c.volume[i]!,
    };
  }

  /** Whether `bar` is bar `i`: the same object, or for columns the bar with its open time. */
  isBar(i: number, bar: OhlcvBar): boolean {
    return this.objects ? this.objects[i] === bar : this.columns!.ts[i] === bar.ts;
  }

  /** Columns as given, or null: then a field has to be read out of the objects. */
  get givenColumns(): BarColumns | null {
    return this.columns ?? null;
  }

  /** The objects as given, or null. */
  get givenObjects(): readonly OhlcvBar[] | null {
    return this.objects ?? null;
  }

  /** Every field as a column: the columns given, or read out of the objects once. */
  asColumns(): BarColumns {
    return (this.columnsMade ??= this.columns ?? toBarColumns(this.objects!));
  }

  /** Every bar as an object: the objects given, or built from the columns once (costly for long series). */
  asObjects(): readonly OhlcvBar[] {
    return (this.objectsMade ??= this.objects ?? Array.from({ length: this.length }, (_, i) => this.bar(i)));
  }

  /** The first `end` bars, sharing memory with these (a look-ahead pass). */
  slice(end: number): BacktestBars {
    if (this.objects) return new BacktestBars(this.objects.slice(0, end), undefined);
    const c = this.columns!;
    const cut = (column: Float64Array) => column.subarray(0, end);
    return new BacktestBars(undefined, {
      ts: cut(c.ts),
      open: cut(c.open),
      high: cut(c.high),
      low: cut(c.low),
      close: cut(c.close),
      volume: cut(c.volume),
    });
  }
}
