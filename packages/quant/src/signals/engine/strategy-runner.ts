import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { compileRuleSet, type CompiledRuleSet } from '../rules/rule-compiler';
import type { IndicatorSpec } from '../rules/indicator-catalog';
import { captureState, decodeState, type Snapshot } from './state-snapshot';
import { slipped, tradeReturn } from './trade-return';
import type { ExitReason, PositionSide, SignalAction, StrategySpec } from './strategy-spec';

type RuleName = 'entry' | 'exit' | 'entryShort' | 'exitShort';

/** An extra condition on entries (forecast gate, regime filter): it sees the signal bar and says yes or no. */
export type EntryFilter = (input: { index: number; bar: OhlcvBar; side: PositionSide }) => {
  allow: boolean;
  /** Recorded with the signal: model version and prediction, regime probabilities ... */
  evidence?: Record<string, unknown>;
};

export interface StrategySignal {
  action: SignalAction;
  /** The bar whose close produced the signal (index in the stream, open time); the order fills at the next open. */
  index: number;
  ts: number;
  reason: 'entry' | ExitReason;
  /** The rule that fired, as written; null for exits by maxBarsInTrade. */
  rule: string | null;
  /** Indicator values at the signal bar, by canonical call text. */
  indicators: Record<string, number | null>;
  /** Evidence of the entry filters, by filter name. */
  filters: Record<string, unknown>;
}

export interface OpenPosition {
  side: PositionSide;
  /** Index and open time of the bar whose open filled the entry. */
  entryIndex: number;
  entryTs: number;
  /** Fill price, slippage included (fees are charged in the trade return). */
  entryPrice: number;
  /** Index of the bar whose close signalled the entry (the regime at entry is read there). */
  signalIndex: number;
}

export interface ClosedTrade extends OpenPosition {
  exitIndex: number;
  exitTs: number;
  exitPrice: number;
  /** Fraction: exit*(1 - fee) / (entry*(1 + fee)) - 1 for longs (trade-return.ts). */
  returnPct: number;
  exitReason: ExitReason;
  /** Bar closes the position was open at (what exposure and maxBarsInTrade count). */
  bars: number;
}

/** What happened on one bar. The object is reused: read it before the next `step`. */
export interface StepEvents {
  opened: OpenPosition | null;
  closed: ClosedTrade | null;
  signal: StrategySignal | null;
}

export interface RunnerOptions {
  filters?: Readonly<Record<string, EntryFilter>>;
  catalog?: Readonly<Record<string, IndicatorSpec>>;
  /**
   * Builds the evaluator of the strategy's rules: compileRuleSet (streaming, the default) or, in a backtest
   * that has all the bars of its pass, the batch evaluator over them (rule-batch.ts). Fills, stops, filters
   * and equity are this class's either way.
   */
  compileRules?: <N extends string>(
    rules: Readonly<Record<N, string>>,
    catalog?: Readonly<Record<string, IndicatorSpec>>,
  ) => CompiledRuleSet<N>;
}

interface Pending {
  enter: PositionSide | null;
  exit: ExitReason | null;
  signalIndex: number;
}

/**
 * One strategy on one series, bar by bar: the engine of live signals and of backtests alike.
 *
 * On each closed bar, in this order: an order signalled at the previous close fills at this bar's open;
 * an open position is checked against its stop, trailing stop and target over this bar's high and low
 * (the stop first when both are touched; a gap through a level fills at the open); the indicators take the
 * bar; then at the close a flat strategy checks its entry rule(s) and entry filters, a holding one its exit
 * rule and maxBarsInTrade. One position at a time. docs/signals.md states the same in words.
 */
export class StrategyRunner {
  readonly rules: CompiledRuleSet<RuleName>;
  private readonly ruleText: Record<RuleName, string | undefined>;
  private readonly feeRate: number;
  private readonly slippageBps: number;
  private readonly fraction: number;
  private readonly cooldown: number;
  private readonly filters: Array<[string, EntryFilter]>;
  /** The rules a flat runner checks at a close (decideEntry). */
  private readonly entryRules: readonly RuleName[];
  private position: OpenPosition | null = null;
  /** Best price since entry (highest high for longs, lowest low for shorts): the trailing stop's anchor. */
  private extreme = Number.NaN;
  private readonly pending: Pending = { enter: null, exit: null, signalIndex: -1 };
  private index = -1;
  private lastExitIndex = Number.NEGATIVE_INFINITY;
  private lastBar: OhlcvBar | null = null;
  private realised = 1;
  private readonly events: StepEvents = { opened: null, closed: null, signal: null };

  constructor(
    readonly spec: StrategySpec,
    options: RunnerOptions = {},
  ) {
    if (spec.side === 'both' && spec.entryShort === undefined) {
      throw new RangeError('side "both" needs entryShort, the short entry rule');
    }
    this.ruleText = { entry: spec.entry, exit: spec.exit, entryShort: spec.entryShort, exitShort: spec.exitShort };
    const rules: Partial<Record<RuleName, string>> = {};
    for (const name of Object.keys(this.ruleText) as RuleName[]) {
      const text = this.ruleText[name];
      if (text !== undefined) rules[name] = text;
    }
    this.rules = (options.compileRules ?? compileRuleSet)(rules as Record<RuleName, string>, options.catalog);
    this.feeRate = spec.fees?.rate ?? 0;
    this.slippageBps = spec.slippageBps ?? 0;
    this.fraction = spec.sizing?.fraction ?? 1;
    this.cooldown = spec.cooldownBars ?? 0;
    this.filters = Object.entries(options.filters ?? {});
    this.entryRules = spec.side === 'both' ? ['entry', 'entryShort'] : ['entry'];
  }

  /** Bars seen so far. */
  get count(): number {
    return this.index + 1;
  }

  get openPosition(): OpenPosition | null {
    return this.position;
  }

  /** Equity as a multiple of the start, from closed trades only. */
  get realisedEquity(): number {
    return this.realised;
  }

  /** Equity marked at `price` (what closing now would give, fees included): realised x (1 + fraction x open return). */
  equityAt(price: number): number {
    const p = this.position;
    if (p === null) return this.realised;
    const exit = slipped(price, p.side === 'short', this.slippageBps);
    return this.realised * (1 + this.fraction * tradeReturn(p.side, p.entryPrice, exit, this.feeRate));
  }

  step(bar: OhlcvBar): StepEvents {
    const i = ++this.index;
    const ev = this.events;
    ev.opened = null;
    ev.closed = null;
    ev.signal = null;

    const pending = this.pending;
    if (pending.enter !== null) {
      this.open(pending.enter, i, bar, pending.signalIndex);
      pending.enter = null;
    } else if (pending.exit !== null && this.position !== null) {
      const p = this.position;
      this.close(i, bar.ts, slipped(bar.open, p.side === 'short', this.slippageBps), pending.exit);
      pending.exit = null;
    }
    if (this.position !== null) this.checkStops(i, bar);

    this.rules.push(bar);

    if (this.position !== null) this.decideExit(i, bar);
    else if (i - this.lastExitIndex >= this.cooldown) this.decideEntry(i, bar);
    this.lastBar = bar;
    return ev;
  }

  /**
   * Moves a runner that is flat with no order pending past the coming bars at which no entry rule holds, at
   * most `limit`, exactly as stepping through them would: such a bar fills nothing, checks no stop, asks no
   * filter and signals nothing, so only the count moves (and the last bar, which `barAt(index)` gives).
   * Backtests skip the long flat stretches this way. Only rules evaluated ahead can say where an entry rule
   * next holds (rule-batch.ts); with streaming rules, or a position or order, it skips nothing. Returns the
   * bars skipped; the events of the last step are stale afterwards.
   */
  skipIdle(limit: number, barAt: (index: number) => OhlcvBar): number {
    const { rules, pending } = this;
    if (this.position !== null || pending.enter !== null || pending.exit !== null) return 0;
    if (rules.barsUntilHolding === undefined || rules.skip === undefined) return 0;
    const bars = rules.barsUntilHolding(this.entryRules, limit);
    if (bars <= 0) return 0;
    rules.skip(bars);
    this.index += bars;
    this.lastBar = barAt(this.index);
    return bars;
  }

  /**
   * Everything needed to continue exactly where this runner is, as JSON: the live engine stores it after each
   * batch of bars and restores it on start, so a restart costs O(new bars).
   */
  snapshot(): Snapshot {
    return {
      format: 1,
      index: captureState(this.index),
      position: captureState(this.position),
      extreme: captureState(this.extreme),
      pending: captureState(this.pending),
      lastExitIndex: captureState(this.lastExitIndex),
      lastBar: captureState(this.lastBar),
      realised: captureState(this.realised),
      rules: this.rules.snapshot(),
    };
  }

  /** Continues from a snapshot of a runner built from the same strategy version. */
  restore(snapshot: Snapshot): void {
    const s = snapshot as Record<string, Snapshot>;
    if (s.format !== 1) throw new RangeError(`unknown runner snapshot format ${String(s.format)}`);
    this.rules.restore(s.rules!);
    this.index = decodeState(s.index!) as number;
    this.position = decodeState(s.position!) as OpenPosition | null;
    this.extreme = decodeState(s.extreme!) as number;
    Object.assign(this.pending, decodeState(s.pending!));
    this.lastExitIndex = decodeState(s.lastExitIndex!) as number;
    this.lastBar = decodeState(s.lastBar!) as OhlcvBar | null;
    this.realised = decodeState(s.realised!) as number;
  }

  /**
   * Forgets any position and pending order, keeping the indicators: after warming up on history, a live
   * deployment starts flat, so it never holds a position it would have opened before it was enabled.
   */
  startFlat(): void {
    this.position = null;
    this.pending.enter = null;
    this.pending.exit = null;
    this.extreme = Number.NaN;
    this.lastExitIndex = Number.NEGATIVE_INFINITY;
    this.realised = 1;
  }

  /** Closes a position still open after the last bar at that bar's close (reason `end`); a pending order lapses. */
  finish(): ClosedTrade | null {
    this.pending.enter = null;
    this.pending.exit = null;
    const p = this.position;
    if (p === null || this.lastBar === null) return null;
    const exit = slipped(this.lastBar.close, p.side === 'short', this.slippageBps);
    this.events.closed = null;
    this.close(this.index, this.lastBar.ts, exit, 'end');
    return this.events.closed;
  }

  private open(side: PositionSide, i: number, bar: OhlcvBar, signalIndex: number): void {
    const price = slipped(bar.open, side === 'long', this.slippageBps);
    this.position = { side, entryIndex: i, entryTs: bar.ts, entryPrice: price, signalIndex };
    this.extreme = price;
    this.events.opened = this.position;
  }

  private close(i: number, ts: number, price: number, reason: ExitReason): void {
    const p = this.position!;
    const returnPct = tradeReturn(p.side, p.entryPrice, price, this.feeRate);
    this.realised *= 1 + this.fraction * returnPct;
    this.events.closed = {
      side: p.side,
      entryIndex: p.entryIndex,
      entryTs: p.entryTs,
      entryPrice: p.entryPrice,
      signalIndex: p.signalIndex,
      exitIndex: i,
      exitTs: ts,
      exitPrice: price,
      returnPct,
      exitReason: reason,
      // Closes held: an exit at an open or inside a bar leaves before that bar's close; `end` exits at it.
      bars: i - p.entryIndex + (reason === 'end' ? 1 : 0),
    };
    this.position = null;
    this.lastExitIndex = i;
  }

  private checkStops(i: number, bar: OhlcvBar): void {
    const { side, entryPrice } = this.position!;
    const { stopLossPct: sl, takeProfitPct: tp, trailingStopPct: tr } = this.spec;
    const long = side === 'long';
    // The binding protective level: the tighter of the fixed stop and the trailing stop.
    let stop = Number.NaN;
    let stopReason: ExitReason = 'stop_loss';
    if (sl !== undefined) stop = long ? entryPrice * (1 - sl) : entryPrice * (1 + sl);
    if (tr !== undefined) {
      const trail = long ? this.extreme * (1 - tr) : this.extreme * (1 + tr);
      if (Number.isNaN(stop) || (long ? trail > stop : trail < stop)) {
        stop = trail;
        stopReason = 'trailing_stop';
      }
    }
    const target = tp === undefined ? Number.NaN : long ? entryPrice * (1 + tp) : entryPrice * (1 - tp);
    const stopGapped = long ? bar.open <= stop : bar.open >= stop;
    const targetGapped = long ? bar.open >= target : bar.open <= target;
    const stopTouched = long ? bar.low <= stop : bar.high >= stop;
    const targetTouched = long ? bar.high >= target : bar.low <= target;
    let price = Number.NaN;
    let reason: ExitReason = stopReason;
    if (stopGapped) price = bar.open;
    else if (targetGapped) {
      price = bar.open;
      reason = 'take_profit';
    } else if (stopTouched) price = stop;
    else if (targetTouched) {
      price = target;
      reason = 'take_profit';
    }
    if (!Number.isNaN(price)) {
      this.close(i, bar.ts, slipped(price, !long, this.slippageBps), reason);
      return;
    }
    // The anchor moves after the check: a bar's own high cannot raise the stop it is checked against.
    this.extreme = long ? Math.max(this.extreme, bar.high) : Math.min(this.extreme, bar.low);
  }

  private decideExit(i: number, bar: OhlcvBar): void {
    const p = this.position!;
    const rule: RuleName = p.side === 'long' ? 'exit' : this.shortRule('exit');
    const text = this.ruleText[rule];
    let reason: ExitReason | null = null;
    if (text !== undefined && this.rules.holds(rule)) reason = 'exit';
    else if (this.spec.maxBarsInTrade !== undefined && i - p.entryIndex + 1 >= this.spec.maxBarsInTrade) {
      reason = 'max_bars';
    }
    if (reason === null) return;
    this.pending.exit = reason;
    this.events.signal = this.signal(
      p.side === 'long' ? 'exit_long' : 'exit_short',
      i,
      bar,
      reason,
      reason === 'exit' ? text! : null,
      {},
    );
  }

  private decideEntry(i: number, bar: OhlcvBar): void {
    const side = this.spec.side;
    const long = side !== 'short' && this.rules.holds('entry');
    const shortRule = this.shortRule('entry');
    const short = side !== 'long' && this.rules.holds(shortRule);
    // Both sides at once (side "both") is no signal: the rules disagree about direction.
    if (long === short) return;
    const entrySide: PositionSide = long ? 'long' : 'short';
    const filters: Record<string, unknown> = {};
    for (const [name, filter] of this.filters) {
      const verdict = filter({ index: i, bar, side: entrySide });
      if (!verdict.allow) return;
      filters[name] = verdict.evidence ?? {};
    }
    this.pending.enter = entrySide;
    this.pending.signalIndex = i;
    const rule = long ? 'entry' : shortRule;
    this.events.signal = this.signal(
      long ? 'enter_long' : 'enter_short',
      i,
      bar,
      'entry',
      this.ruleText[rule]!,
      filters,
    );
  }

  /** Side short keeps its rules in entry/exit; side both has entryShort/exitShort. */
  private shortRule(kind: 'entry' | 'exit'): RuleName {
    if (this.spec.side === 'short') return kind;
    return kind === 'entry' ? 'entryShort' : 'exitShort';
  }

  private signal(
    action: SignalAction,
    i: number,
    bar: OhlcvBar,
    reason: 'entry' | ExitReason,
    rule: string | null,
    filters: Record<string, unknown>,
  ): StrategySignal {
    return { action, index: i, ts: bar.ts, reason, rule, indicators: this.rules.evidence(), filters };
  }
}
