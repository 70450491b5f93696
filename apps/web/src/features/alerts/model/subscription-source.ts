import type { Subscription, SubscriptionSource } from '@marketlens/contracts';

export const SOURCE_LABELS: Readonly<Record<SubscriptionSource, string>> = {
  strategy: 'Strategy signals',
  symbol: 'Symbol signals',
  alert_rule: 'Alert rule',
};

export const LEVEL_LABELS: Readonly<Record<Subscription['level'], string>> = {
  on: 'On',
  silent: 'Silent (no sound)',
  off: 'Off (kept, not sent)',
};

/** What a subscription can point at, gathered by the page from the other features. */
export interface SourceChoices {
  strategies: readonly { id: string; name: string }[];
  symbols: readonly string[];
  rules: readonly { id: string; name: string; symbol: string }[];
}

export interface SourceOption {
  value: string;
  label: string;
}

export function sourceOptions(source: SubscriptionSource, choices: SourceChoices): SourceOption[] {
  switch (source) {
    case 'strategy':
      return choices.strategies.map((s) => ({ value: s.id, label: s.name }));
    case 'symbol':
      return choices.symbols.map((s) => ({ value: s, label: s }));
    case 'alert_rule':
      return choices.rules.map((r) => ({ value: r.id, label: `${r.name} (${r.symbol})` }));
  }
}

/** "Strategy signals: ema-cross"; a ref that is gone is shown by its id, so the row can still be removed. */
export function describeSource(source: SubscriptionSource, ref: string, choices: SourceChoices): string {
  const known = sourceOptions(source, choices).find((o) => o.value === ref);
  const what = known?.label ?? (source === 'symbol' ? ref : `${ref.slice(0, 8)}… (not found)`);
  return `${SOURCE_LABELS[source]}: ${what}`;
}
