import { formatScreenValue, type FormattedValue } from './format-value';
import type { ColumnField } from './columns';

type Value = number | string | null;

export interface MetricGroup {
  title: string;
  items: { name: string; label: string; description: string; value: FormattedValue }[];
}

const IDENTITY = new Set(['symbol', 'name', 'sector', 'industry', 'exchange']);
const GROUP_TITLES: Readonly<Record<string, string>> = {
  overview: 'Overview',
  performance: 'Performance',
  technical: 'Technical',
  fundamental: 'Fundamental',
};

/**
 * The drawer's metrics, grouped by the catalog's views (each field once, in the first view that lists it), then
 * any field no view lists; identity fields (name, sector ...) are in the drawer's heading instead.
 */
export function drawerMetricGroups(
  metrics: Readonly<Record<string, Value>>,
  fields: readonly ColumnField[],
  views: Readonly<Record<string, readonly string[]>>,
): MetricGroup[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const seen = new Set<string>(IDENTITY);
  const groups: MetricGroup[] = [];
  const take = (title: string, names: readonly string[]) => {
    const items = names
      .filter((n) => !seen.has(n) && byName.has(n))
      .map((n) => {
        seen.add(n);
        const field = byName.get(n)!;
        return {
          name: n,
          label: field.label,
          description: field.description ?? '',
          value: formatScreenValue(field, metrics[n]),
        };
      });
    if (items.length > 0) groups.push({ title, items });
  };
  for (const [view, names] of Object.entries(views)) take(GROUP_TITLES[view] ?? view, names);
  take(
    'More',
    fields.map((f) => f.name),
  );
  return groups;
}

export interface RegimeReading {
  label: string;
  probability: number | null;
}

/** The regime and its filtered probability when the snapshot has them (a tracked fit), else null. */
export function regimeOf(metrics: Readonly<Record<string, Value>>): RegimeReading | null {
  const entries = Object.entries(metrics);
  const label = entries.find(([k, v]) => /^regime$|^regimeLabel$/i.test(k) && typeof v === 'string')?.[1];
  if (typeof label !== 'string' || label === '') return null;
  const prob = entries.find(([k, v]) => /^regime.*prob/i.test(k) && typeof v === 'number')?.[1];
  return { label, probability: typeof prob === 'number' ? prob : null };
}
