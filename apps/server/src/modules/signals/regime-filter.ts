import { RegimeTracker, type EntryFilter, type HMMModel, type OhlcvBar } from '@marketlens/quant';

// The strategy's `regime` entry filter, from a regime model's FILTERED probabilities P(state_t | bars 0..t)
// only: smoothed probabilities use later bars and would leak the future into bar t. Pure (compute tasks
// import it), and written for the live engine too: the same filter must judge a bar in both.

/** Lower-case words of a state name: "bull / low vol (1)" -> ["bull / low vol (1)", "bull / low vol", "bull", "low vol"]. */
function nameForms(name: string): string[] {
  const full = name.trim().toLowerCase();
  const base = full.replace(/\s*\(\d+\)$/, '');
  return [full, base, ...base.split('/').map((part) => part.trim())];
}

/**
 * The states a list of allowed labels names. A label names a state when it is the state's full name ("bull /
 * low vol"), its name without the " (n)" of a repeated name, or one part of it ("bull", "low vol"); case is
 * ignored. `unknown` lists labels that name no state of this model (a strategy that filters on them is wrong).
 */
export function matchRegimeStates(
  stateNames: readonly string[],
  allow: readonly string[],
): { states: number[]; unknown: string[] } {
  const forms = stateNames.map(nameForms);
  const states = new Set<number>();
  const unknown: string[] = [];
  for (const label of allow) {
    const wanted = label.trim().toLowerCase();
    let found = false;
    forms.forEach((f, k) => {
      if (f.includes(wanted)) {
        states.add(k);
        found = true;
      }
    });
    if (!found) unknown.push(label);
  }
  return { states: [...states].sort((a, b) => a - b), unknown };
}

/**
 * Filtered probabilities for each bar of `bars`, row-major (bars x K), after the tracker has seen `warmUp`
 * (the bars just before them), so the first bars of a backtest are judged with a warm filter as live ones
 * would be. NaN rows while the regime features still warm up.
 */
export function filteredRegimeProbs(
  model: HMMModel,
  warmUp: readonly OhlcvBar[],
  bars: readonly OhlcvBar[],
): Float64Array {
  const K = model.params.nStates;
  const out = new Float64Array(bars.length * K).fill(Number.NaN);
  const tracker = new RegimeTracker(model);
  for (const bar of warmUp) tracker.add(bar);
  for (let t = 0; t < bars.length; t++) {
    const probs = tracker.add(bars[t]!);
    if (probs) out.set(probs, t * K);
  }
  return out;
}

export interface RegimeFilterSpec {
  fitId: string;
  stateNames: readonly string[];
  /** Indices of the allowed states (matchRegimeStates). */
  states: readonly number[];
  minProbability: number;
}

/**
 * Entries are allowed when P(regime is one of the allowed states) = the sum of their filtered probabilities
 * is at least minProbability; while the regime is unknown (features warming up) no entry is allowed. The
 * evidence records the fit, every state's probability and the allowed mass.
 */
export function regimeEntryFilter(probs: Float64Array, spec: RegimeFilterSpec): EntryFilter {
  const K = spec.stateNames.length;
  return ({ index }) => judgeRegime(probs.subarray(index * K, index * K + K), spec);
}

/**
 * The same judgement live: the tracker has taken the signal bar (the engine adds each bar to it before the
 * strategy sees the bar), so its current filtered probabilities are those of the signal bar.
 */
export function liveRegimeEntryFilter(
  tracker: { getResult(): Float64Array | null },
  spec: RegimeFilterSpec,
): EntryFilter {
  return () => judgeRegime(tracker.getResult(), spec);
}

/** One bar's verdict from its filtered probabilities (null or NaN: unknown, no entry). */
function judgeRegime(row: Float64Array | null, spec: RegimeFilterSpec): ReturnType<EntryFilter> {
  const K = spec.stateNames.length;
  if (row === null || row.length < K || Number.isNaN(row[0]!)) return { allow: false };
  let allowed = 0;
  for (const k of spec.states) allowed += row[k]!;
  const byState = Object.fromEntries(spec.stateNames.map((name, k) => [name, row[k]!]));
  return {
    allow: allowed >= spec.minProbability,
    evidence: { fitId: spec.fitId, probabilities: byState, allowedProbability: allowed },
  };
}

/** The most probable state's name at a bar (for the per-regime breakdown), null while unknown. */
export function regimeLabelAt(probs: Float64Array, stateNames: readonly string[]): (index: number) => string | null {
  const K = stateNames.length;
  return (index) => {
    if (index * K + K > probs.length || Number.isNaN(probs[index * K]!)) return null;
    let best = 0;
    for (let k = 1; k < K; k++) if (probs[index * K + k]! > probs[index * K + best]!) best = k;
    return stateNames[best] ?? null;
  };
}
