import { BacktestBars, type BacktestInput } from '../engine/backtest-bars';
import { BatchColumns } from './batch-columns';
import { INDICATOR_CATALOG, type IndicatorSpec } from './indicator-catalog';
import { checkRuleSet, type CompiledRuleSet } from './rule-compiler';
import { TRUE } from './rule-columns';

/** A rule set evaluated ahead over the bars of one backtest pass. */
export interface BatchRuleSet<N extends string = string> extends CompiledRuleSet<N> {
  barsUntilHolding(names: readonly N[], limit: number): number;
  skip(bars: number): void;
  /** Hands the columns back for the next pass (column-pool.ts); the set cannot be used afterwards. */
  release(): void;
}

/**
 * The rules of compileRuleSet evaluated over a whole series at once, for backtests. The rules are checked by
 * the streaming compiler (same errors, names, warm-up and evidence keys); then every node of their plans
 * (rule-plan.ts) becomes one column over `bars` (batch-columns.ts), computed in one pass, keeping the
 * streaming semantics exactly: an indicator sees only the finite values of its source, comparisons and
 * `and`/`or`/`not` are three-valued as rule-compiler.ts documents, `x[n]` and crosses are unknown until they
 * can be known. rule-batch.test.ts checks it against the streaming evaluator bar by bar.
 *
 * push(bar) only moves to the next precomputed bar. It must get the bars of `input` themselves (for columns,
 * bars with their open times), in order: the evaluator has seen the bars of its pass and no others, which is
 * what keeps a truncated look-ahead pass honest. skip(n) moves past n bars at once (a backtest skips the
 * flat stretches where barsUntilHolding says no entry rule holds).
 */
export function compileRuleSetBatch<N extends string>(
  rules: Readonly<Record<N, string>>,
  input: BacktestInput | BacktestBars,
  catalog: Readonly<Record<string, IndicatorSpec>> = INDICATOR_CATALOG,
): BatchRuleSet<N> {
  const checked = checkRuleSet(rules, catalog);
  const bars = BacktestBars.of(input);
  const columns = new BatchColumns(bars);
  // A plain object rather than a Map: holds() runs on every bar, and a property read is the cheaper lookup.
  const truth: Partial<Record<N, Uint8Array>> = {};
  for (const [name, node] of checked.rules) truth[name] = columns.truth(node);
  const evidence = checked.evidence.map((node) => [node.key, columns.of(node)] as const);
  const column = (name: N): Uint8Array => {
    const values = truth[name];
    // (instanceof also turns away names such as 'toString' that the object's prototype has.)
    if (!(values instanceof Uint8Array)) throw new RangeError(`no rule named '${name}'`);
    return values;
  };
  // Where each rule next holds, from the bar last asked about on: the count only grows, so each rule's
  // column is scanned once over the whole pass however many times it is asked.
  const nextHolding: Partial<Record<N, number>> = {};
  let count = 0;
  let released = false;
  return {
    names: checked.ruleSet.names,
    warmUp: checked.ruleSet.warmUp,
    get count() {
      return count;
    },
    push(bar) {
      if (released) throw new RangeError('batch rule set used after release()');
      if (count >= bars.length || !bars.isBar(count, bar)) {
        throw new RangeError(
          count >= bars.length
            ? `batch rule set built from ${bars.length} bars got bar ${count + 1}`
            : `batch rule set expected bar ${count} of the series it was built from, got another bar`,
        );
      }
      count += 1;
    },
    holds(name) {
      return column(name)[count - 1] === TRUE;
    },
    barsUntilHolding(names, limit) {
      if (released) throw new RangeError('batch rule set used after release()');
      let until = Math.min(count + limit, bars.length);
      for (const name of names) {
        let next = nextHolding[name] ?? -1;
        if (next < count) {
          const found = column(name).indexOf(TRUE, count);
          nextHolding[name] = next = found === -1 ? bars.length : found;
        }
        until = Math.min(until, next);
      }
      return until - count;
    },
    skip(n) {
      if (released) throw new RangeError('batch rule set used after release()');
      if (!Number.isInteger(n) || n < 0 || count + n > bars.length) {
        throw new RangeError(`batch rule set at bar ${count} of ${bars.length} cannot skip ${n} bars`);
      }
      count += n;
    },
    evidence() {
      const out: Record<string, number | null> = {};
      for (const [key, values] of evidence) {
        const v = values[count - 1] ?? Number.NaN;
        out[key] = Number.isNaN(v) ? null : v;
      }
      return out;
    },
    snapshot() {
      throw new Error('batch rule sets are for backtests: they have no state to snapshot');
    },
    restore() {
      throw new Error('batch rule sets are for backtests: they cannot be restored');
    },
    release() {
      released = true;
      columns.release();
    },
  };
}
