import type { Signal, SignalAction } from '@marketlens/contracts';
import type { BadgeTone } from '../../../shared/ui/badge';

/** Streamed signals kept in memory; a page open for days must not grow without end. */
export const LIVE_LIMIT = 500;

/**
 * Stored pages and streamed signals as one list: each signal once (the stream and a page may both carry it),
 * newest written first, and within one write (one bar's batch) the latest bar first.
 */
export function mergeSignals(...lists: (readonly Signal[])[]): Signal[] {
  const byId = new Map<string, Signal>();
  for (const list of lists) for (const s of list) byId.set(s.id, s);
  return [...byId.values()].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.barTs.localeCompare(a.barTs) || a.id.localeCompare(b.id),
  );
}

export interface SignalFilter {
  symbol?: string;
  strategyId?: string;
  action?: SignalAction;
}

/** The stream sends every signal; the feed shows those the filter (the same one the list API applies) keeps. */
export function matchesFilter(signal: Signal, filter: SignalFilter): boolean {
  return (
    (filter.symbol === undefined || signal.symbol === filter.symbol) &&
    (filter.strategyId === undefined || signal.strategyId === filter.strategyId) &&
    (filter.action === undefined || signal.action === filter.action)
  );
}

export const ACTION_WORDS: Readonly<Record<SignalAction, { label: string; tone: BadgeTone }>> = {
  enter_long: { label: 'Enter long', tone: 'success' },
  exit_long: { label: 'Exit long', tone: 'neutral' },
  enter_short: { label: 'Enter short', tone: 'danger' },
  exit_short: { label: 'Exit short', tone: 'neutral' },
};

/** Indicator values to 6 significant digits: enough to check a rule by hand, no float noise. */
export function formatIndicator(value: number | null): string {
  if (value === null) return 'not warm';
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toPrecision(6)).toString();
}

/** A filter's evidence (gate prediction, regime probabilities) as short text. */
export function formatFilterValue(value: unknown): string {
  if (typeof value === 'number') return formatIndicator(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
