import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { BatchColumns } from './batch-columns';
import { INDICATOR_CATALOG, type IndicatorSpec } from './indicator-catalog';
import { checkRuleSet, type CompiledRuleSet } from './rule-compiler';
import { TRUE } from './rule-columns';

/** A rule set evaluated ahead over the bars of one backtest pass. */
export interface BatchRuleSet<N extends string = string> extends CompiledRuleSet<N> {
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
 * push(bar) only moves to the next precomputed bar. It must get `bars` themselves, in order: the evaluator
 * has seen the bars of its pass and no others, which is what keeps a truncated look-ahead pass honest.
 */
export function compileRuleSetBatch<N extends string>(
  rules: Readonly<Record<N, string>>,
  bars: readonly OhlcvBar[],
  catalog: Readonly<Record<string, IndicatorSpec>> = INDICATOR_CATALOG,
): BatchRuleSet<N> {
  const checked = checkRuleSet(rules, catalog);
  const columns = new BatchColumns(bars);
  // A plain object rather than a Map: holds() runs on every bar, and a property read is the cheaper lookup.
  const truth: Partial<Record<N, Uint8Array>> = {};
  for (const [name, node] of checked.rules) truth[name] = columns.truth(node);
  const evidence = checked.evidence.map((node) => [node.key, columns.of(node)] as const);
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
      if (bar !== bars[count]) {
        throw new RangeError(
          count >= bars.length
            ? `batch rule set built from ${bars.length} bars got bar ${count + 1}`
            : `batch rule set expected bar ${count} of the series it was built from, got another bar`,
        );
      }
      count += 1;
    },
    holds(name) {
      const values = truth[name];
      // (instanceof also turns away names such as 'toString' that the object's prototype has.)
      if (!(values instanceof Uint8Array)) throw new RangeError(`no rule named '${name}'`);
      return values[count - 1] === TRUE;
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
