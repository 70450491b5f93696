import type { OhlcvBar } from '../../bars/ohlcv-bar';
import type { RuleNode } from './rule-ast';
import { InvalidRuleError, RuleMeaningError, RuleSyntaxError } from './rule-errors';
import { INDICATOR_CATALOG, SERIES, type IndicatorSpec, type RuleIndicator } from './indicator-catalog';
import { parseRule } from './rule-parser';
import type { PlanNode, PlannedCall, RulePlan } from './rule-plan';
import { captureState, restoreState, type Snapshot } from '../engine/state-snapshot';

/**
 * Truth values are three-valued: 1 (true), 0 (false), NaN (unknown: an indicator is not warm yet, or a
 * division by zero). Comparisons with an unknown side are unknown; `and`/`or`/`not` follow Kleene's logic
 * (false and unknown = false, true or unknown = true, not unknown = unknown), and a rule holds only when it
 * is known and true. So a rule never fires on a value that does not exist yet, not even through `not`.
 */
type Kind = 'number' | 'boolean';

interface Compiled extends PlanNode {
  kind: Kind;
  read: () => number;
  /** Bars until this value can first be known (1 = on the first bar). */
  warmUp: number;
  /** Canonical text: identical sub-expressions share one indicator instance. */
  key: string;
  plan: RulePlan;
}

export interface CompiledRuleSet<N extends string = string> {
  readonly names: readonly N[];
  /** Bars after which every rule can be known (indicator warm-ups, offsets, crosses). */
  readonly warmUp: number;
  /** Bars pushed so far. */
  readonly count: number;
  /** Folds in the next closed bar: every indicator is updated once, whether or not a rule reads it. */
  push(bar: OhlcvBar): void;
  /** Whether the rule is known and true at the last pushed bar. */
  holds(name: N): boolean;
  /** The value of every indicator output the rules use, by canonical call text; null while not warm. */
  evidence(): Record<string, number | null>;
  /** Everything the rules remember (indicators, x[n] history, crosses), as JSON. */
  snapshot(): Snapshot;
  /** Puts back a snapshot taken from a rule set compiled from the same rules. */
  restore(snapshot: Snapshot): void;
  /**
   * Only a rule set that has evaluated its whole series ahead (rule-batch.ts): how many of the coming bars,
   * at most `limit`, none of the rules `names` holds at. A streaming rule set cannot know it.
   */
  barsUntilHolding?(names: readonly N[], limit: number): number;
  /** Only with barsUntilHolding: moves past `bars` bars without pushing them (nothing is evaluated). */
  skip?(bars: number): void;
}

const CROSSES = ['crosses_above', 'crosses_below'] as const;

/**
 * Parses and checks every rule, then builds one evaluator for all of them (never eval or new Function):
 * stateful parts (indicators, `x[n]`, crosses) are updated in dependency order on every bar; the rules
 * themselves are closures over their current values. Errors name the rule and the column.
 */
export function compileRuleSet<N extends string>(
  rules: Readonly<Record<N, string>>,
  catalog: Readonly<Record<string, IndicatorSpec>> = INDICATOR_CATALOG,
): CompiledRuleSet<N> {
  return checkRuleSet(rules, catalog).ruleSet;
}

/** What a checked rule set is made of, for other evaluators of the same rules (rule-batch.ts). */
export interface CheckedRuleSet<N extends string> {
  /** The streaming evaluator (its names and warmUp hold for any evaluator of these rules). */
  ruleSet: CompiledRuleSet<N>;
  rules: ReadonlyMap<N, PlanNode>;
  /** The indicator outputs of evidence(), in its order. */
  evidence: readonly PlanNode[];
}

/** Parses and checks every rule (the errors of compileRuleSet) and builds the streaming evaluator. */
export function checkRuleSet<N extends string>(
  rules: Readonly<Record<N, string>>,
  catalog: Readonly<Record<string, IndicatorSpec>> = INDICATOR_CATALOG,
): CheckedRuleSet<N> {
  const compiler = new RuleCompiler(catalog);
  const compiled = new Map<N, Compiled>();
  for (const name of Object.keys(rules) as N[]) {
    try {
      const rule = compiler.compile(parseRule(rules[name]));
      if (rule.kind !== 'boolean') {
        throw new RuleMeaningError(0, 'a rule must be true or false: compare the value, e.g. "rsi(close, 14) < 30"');
      }
      compiled.set(name, rule);
    } catch (err) {
      if (err instanceof RuleSyntaxError || err instanceof RuleMeaningError) throw new InvalidRuleError(name, err);
      throw err;
    }
  }
  const { updaters, state, evidence, cells } = compiler;
  let count = 0;
  const ruleSet: CompiledRuleSet<N> = {
    names: [...compiled.keys()],
    warmUp: Math.max(1, ...[...compiled.values()].map((c) => c.warmUp)),
    get count() {
      return count;
    },
    push(bar) {
      state.bar = bar;
      count += 1;
      for (let i = 0; i < updaters.length; i++) updaters[i]!();
    },
    holds(name) {
      const rule = compiled.get(name);
      if (!rule) throw new RangeError(`no rule named '${name}'`);
      return rule.read() === 1;
    },
    snapshot() {
      return { count, cells: cells.map(captureState) };
    },
    restore(snapshot) {
      const snap = snapshot as { count: number; cells: Snapshot[] };
      if (!Array.isArray(snap.cells) || snap.cells.length !== cells.length) {
        throw new RangeError(`rule state has ${snap.cells?.length} parts, these rules have ${cells.length}`);
      }
      snap.cells.forEach((cell, i) => restoreState(cells[i]!, cell));
      count = snap.count;
    },
    evidence() {
      const out: Record<string, number | null> = {};
      for (const [key, output] of evidence) {
        const v = output.read();
        out[key] = Number.isNaN(v) ? null : v;
      }
      return out;
    },
  };
  return { ruleSet, rules: compiled, evidence: [...evidence.values()] };
}

const NO_BAR: OhlcvBar = { ts: 0, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN };
const finiteOrNaN = (x: number) => (Number.isFinite(x) ? x : NaN);

class RuleCompiler {
  readonly state = { bar: NO_BAR };
  readonly updaters: Array<() => void> = [];
  /** Indicator outputs, for the evidence of a signal. */
  readonly evidence = new Map<string, Compiled>();
  /** The state of every stateful node, in the order the updaters run: what a snapshot saves. */
  readonly cells: object[] = [];
  private readonly shared = new Map<string, Compiled>();
  /** Indicator instances by call key, with their last result (shared by the fields read from them). */
  private readonly instances = new Map<string, { result: () => unknown; warmUp: number; planned: PlannedCall }>();

  constructor(private readonly catalog: Readonly<Record<string, IndicatorSpec>>) {}

  compile(node: RuleNode): Compiled {
    switch (node.type) {
      case 'number': {
        const v = node.value;
        return { kind: 'number', read: () => v, warmUp: 1, key: String(v), plan: { op: 'constant', value: v } };
      }
      case 'name':
        return this.series(node.name, node.position);
      case 'call':
        if ((CROSSES as readonly string[]).includes(node.name)) return this.crosses(node);
        return this.indicatorOutput(node, undefined);
      case 'field':
        if (node.target.type !== 'call') {
          throw new RuleMeaningError(node.position, `'.${node.field}' needs an indicator call before it`);
        }
        return this.indicatorOutput(node.target, { name: node.field, position: node.position });
      case 'offset':
        return this.offset(this.compile(node.target), node.bars);
      case 'negate': {
        const x = this.expect(node.operand, 'number', "'-'");
        const plan = { op: 'negate', operand: x } as const;
        return { kind: 'number', read: () => -x.read(), warmUp: x.warmUp, key: `(-${x.key})`, plan };
      }
      case 'not': {
        const x = this.expect(node.operand, 'boolean', "'not'");
        const plan = { op: 'not', operand: x } as const;
        return { kind: 'boolean', read: () => 1 - x.read(), warmUp: x.warmUp, key: `(not ${x.key})`, plan };
      }
      case 'arithmetic':
        return this.arithmetic(node.op, node.left, node.right);
      case 'comparison':
        return this.comparison(node.op, node.left, node.right);
      case 'logical':
        return this.logical(node.op, node.left, node.right);
    }
  }

  private expect(node: RuleNode, kind: Kind, where: string): Compiled {
    const c = this.compile(node);
    if (c.kind !== kind) {
      const what = kind === 'number' ? 'a number' : 'a condition (true or false)';
      throw new RuleMeaningError(
        node.position,
        `${where} needs ${what}, but this is ${c.kind === 'number' ? 'a number' : 'a condition'}`,
      );
    }
    return c;
  }

  private series(name: string, position: number): Compiled {
    const get = SERIES[name];
    if (get) {
      const state = this.state;
      return { kind: 'number', read: () => get(state.bar), warmUp: 1, key: name, plan: { op: 'series', name } };
    }
    if (this.catalog[name] || (CROSSES as readonly string[]).includes(name)) {
      throw new RuleMeaningError(position, `'${name}' is a function: call it, e.g. ${name}(...)`);
    }
    throw new RuleMeaningError(position, `unknown name '${name}'; series are ${Object.keys(SERIES).join(', ')}`);
  }

  /** Returns the shared node for `key`, creating it once. */
  private once(key: string, make: () => Compiled): Compiled {
    const existing = this.shared.get(key);
    if (existing) return existing;
    const made = make();
    this.shared.set(key, made);
    return made;
  }

  private indicatorOutput(
    call: Extract<RuleNode, { type: 'call' }>,
    field?: { name: string; position: number },
  ): Compiled {
    const spec = this.catalog[call.name];
    if (!spec) {
      throw new RuleMeaningError(
        call.position,
        `unknown indicator '${call.name}'; known: ${[...Object.keys(this.catalog), ...CROSSES].sort().join(', ')}`,
      );
    }
    const instance = this.instance(call, spec);
    if (spec.fields === undefined) {
      if (field)
        throw new RuleMeaningError(field.position, `${call.name}(...) has one value and no field '.${field.name}'`);
      const key = instance.key;
      return this.once(key, () => {
        const read = () => {
          const r = instance.result();
          return r === null ? NaN : (r as number);
        };
        const output: Compiled = {
          kind: 'number',
          read,
          warmUp: instance.warmUp,
          key,
          plan: { op: 'indicator', call: instance.planned },
        };
        this.evidence.set(key, output);
        return output;
      });
    }
    const names = Object.keys(spec.fields);
    if (!field) {
      throw new RuleMeaningError(
        call.position,
        `${call.name}(...) has several values: pick one with ${names.map((n) => `.${n}`).join(', ')}`,
      );
    }
    const pick = spec.fields[field.name] as ((r: unknown) => number) | undefined;
    if (!pick) {
      throw new RuleMeaningError(
        field.position,
        `${call.name}(...) has no field '.${field.name}'; it has ${names.join(', ')}`,
      );
    }
    const key = `${instance.key}.${field.name}`;
    return this.once(key, () => {
      const read = () => {
        const r = instance.result();
        return r === null ? NaN : pick(r);
      };
      const output: Compiled = {
        kind: 'number',
        read,
        warmUp: instance.warmUp,
        key,
        plan: { op: 'indicator', call: instance.planned, field: field.name },
      };
      this.evidence.set(key, output);
      return output;
    });
  }

  /** The one instance of an indicator call (arguments checked, defaults filled), updated every bar. */
  private instance(call: Extract<RuleNode, { type: 'call' }>, spec: IndicatorSpec) {
    const source = spec.input === 'value' ? call.args[0] : undefined;
    const paramArgs = spec.input === 'value' ? call.args.slice(1) : call.args;
    const required = spec.params.filter((p) => p.default === undefined).length;
    const usage = () => {
      const names = spec.params.map((p) => (p.default === undefined ? p.name : `${p.name} = ${p.default}`));
      return `${call.name}(${[...(spec.input === 'value' ? ['source'] : []), ...names].join(', ')})`;
    };
    if (spec.input === 'value' && source === undefined) {
      throw new RuleMeaningError(call.position, `${call.name} needs a source series first: ${usage()}`);
    }
    if (paramArgs.length < required || paramArgs.length > spec.params.length) {
      const most = spec.params.length;
      const count = required === most ? `${most}` : required === 0 ? `at most ${most}` : `${required} to ${most}`;
      const what = `${spec.input === 'value' ? 'a source and ' : ''}${count} parameter${most === 1 ? '' : 's'}`;
      throw new RuleMeaningError(call.position, `${call.name} takes ${what}: ${usage()}`);
    }
    const params = spec.params.map((p, i) => {
      const arg = paramArgs[i];
      if (arg === undefined) return p.default!;
      const value = constantValue(arg);
      if (value === undefined)
        throw new RuleMeaningError(arg.position, `${call.name}: ${p.name} must be a number written in the rule`);
      if (p.kind === 'period' && (!Number.isInteger(value) || value < 1)) {
        throw new RuleMeaningError(arg.position, `${call.name}: ${p.name} must be a whole number >= 1, got ${value}`);
      }
      return value;
    });
    const src = source ? this.expect(source, 'number', `${call.name}'s source`) : undefined;
    const key = `${call.name}(${[...(src ? [src.key] : []), ...params].join(', ')})`;
    const existing = this.instances.get(key);
    if (existing) return { ...existing, key };

    let indicator: RuleIndicator;
    try {
      indicator = spec.create(params);
    } catch (err) {
      throw new RuleMeaningError(call.position, `${call.name}: ${(err as Error).message}`);
    }
    const add = indicator.add.bind(indicator) as (input: unknown) => unknown;
    const cell = { indicator, result: null as unknown };
    this.cells.push(cell);
    const state = this.state;
    if (src) {
      const read = src.read;
      this.updaters.push(() => {
        const x = read();
        // An input that does not exist yet (or 1/0) is skipped: the indicator runs over the values that exist.
        cell.result = Number.isFinite(x) ? add(x) : null;
      });
    } else {
      this.updaters.push(() => {
        cell.result = add(state.bar);
      });
    }
    const planned: PlannedCall = src ? { key, spec, params, source: src } : { key, spec, params };
    const entry = { result: () => cell.result, warmUp: (src?.warmUp ?? 1) + indicator.warmUp - 1, planned };
    this.instances.set(key, entry);
    return { ...entry, key };
  }

  private crosses(call: Extract<RuleNode, { type: 'call' }>): Compiled {
    if (call.args.length !== 2) {
      throw new RuleMeaningError(call.position, `${call.name} takes two numbers: ${call.name}(a, b)`);
    }
    const a = this.expect(call.args[0]!, 'number', `${call.name}'s first argument`);
    const b = this.expect(call.args[1]!, 'number', `${call.name}'s second argument`);
    const above = call.name === 'crosses_above';
    return this.once(`${call.name}(${a.key}, ${b.key})`, () => {
      const cell = { prevA: NaN, prevB: NaN, value: NaN };
      this.cells.push(cell);
      const readA = a.read;
      const readB = b.read;
      this.updaters.push(() => {
        const x = readA();
        const y = readB();
        const { prevA, prevB } = cell;
        if (Number.isNaN(prevA) || Number.isNaN(prevB) || Number.isNaN(x) || Number.isNaN(y)) cell.value = NaN;
        // Crossing above: at or below on the previous bar, strictly above now (and the mirror for below).
        else cell.value = above ? (prevA <= prevB && x > y ? 1 : 0) : prevA >= prevB && x < y ? 1 : 0;
        cell.prevA = x;
        cell.prevB = y;
      });
      return {
        kind: 'boolean',
        read: () => cell.value,
        warmUp: Math.max(a.warmUp, b.warmUp) + 1,
        key: `${call.name}(${a.key}, ${b.key})`,
        plan: { op: 'crosses', above, a, b },
      };
    });
  }

  /** `x[n]`: a ring of the last n + 1 values of x. */
  private offset(target: Compiled, bars: number): Compiled {
    if (bars === 0) return target;
    return this.once(`${target.key}[${bars}]`, () => {
      const size = bars + 1;
      const cell = { ring: new Float64Array(size).fill(NaN), seen: 0, value: NaN };
      this.cells.push(cell);
      const read = target.read;
      this.updaters.push(() => {
        cell.ring[cell.seen % size] = read();
        cell.seen += 1;
        cell.value = cell.seen > bars ? cell.ring[(cell.seen - 1 - bars) % size]! : NaN;
      });
      return {
        kind: target.kind,
        read: () => cell.value,
        warmUp: target.warmUp + bars,
        key: `${target.key}[${bars}]`,
        plan: { op: 'offset', target, bars },
      };
    });
  }

  private arithmetic(op: string, left: RuleNode, right: RuleNode): Compiled {
    const lc = this.expect(left, 'number', `'${op}'`);
    const rc = this.expect(right, 'number', `'${op}'`);
    const l = lc.read;
    const r = rc.read;
    // Division by zero gives unknown (NaN), like a value that does not exist yet.
    const read =
      op === '+'
        ? () => l() + r()
        : op === '-'
          ? () => l() - r()
          : op === '*'
            ? () => l() * r()
            : () => finiteOrNaN(l() / r());
    return binary('number', 'arithmetic', op, lc, rc, read);
  }

  private comparison(op: string, left: RuleNode, right: RuleNode): Compiled {
    const lc = this.expect(left, 'number', `'${op}'`);
    const rc = this.expect(right, 'number', `'${op}'`);
    const l = lc.read;
    const r = rc.read;
    const test: (a: number, b: number) => boolean =
      op === '<'
        ? (a, b) => a < b
        : op === '<='
          ? (a, b) => a <= b
          : op === '>'
            ? (a, b) => a > b
            : op === '>='
              ? (a, b) => a >= b
              : op === '=='
                ? (a, b) => a === b
                : (a, b) => a !== b;
    const read = () => {
      const a = l();
      const b = r();
      return Number.isNaN(a) || Number.isNaN(b) ? NaN : test(a, b) ? 1 : 0;
    };
    return binary('boolean', 'comparison', op, lc, rc, read);
  }

  private logical(op: 'and' | 'or', left: RuleNode, right: RuleNode): Compiled {
    const lc = this.expect(left, 'boolean', `'${op}'`);
    const rc = this.expect(right, 'boolean', `'${op}'`);
    const l = lc.read;
    const r = rc.read;
    const read =
      op === 'and'
        ? () => {
            const a = l();
            if (a === 0) return 0;
            const b = r();
            if (b === 0) return 0;
            return a === 1 && b === 1 ? 1 : NaN;
          }
        : () => {
            const a = l();
            if (a === 1) return 1;
            const b = r();
            if (b === 1) return 1;
            return a === 0 && b === 0 ? 0 : NaN;
          };
    return binary('boolean', 'logical', op, lc, rc, read);
  }
}

function binary(
  kind: Kind,
  group: 'arithmetic' | 'comparison' | 'logical',
  operator: string,
  left: Compiled,
  right: Compiled,
  read: () => number,
): Compiled {
  const key = `(${left.key} ${operator} ${right.key})`;
  const warmUp = Math.max(left.warmUp, right.warmUp);
  return { kind, read, warmUp, key, plan: { op: group, operator, left, right } };
}

/** A number written in the rule (`14`, `-0.5`), or undefined for anything computed. */
function constantValue(node: RuleNode): number | undefined {
  if (node.type === 'number') return node.value;
  if (node.type === 'negate' && node.operand.type === 'number') return -node.operand.value;
  return undefined;
}
