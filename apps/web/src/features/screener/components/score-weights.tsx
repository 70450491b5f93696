import type { ScreenField } from '../api/screener.api';

/** The composite score's recipe next to it: each metric's weight, biggest first. */
export function ScoreWeights({
  weights,
  fields,
}: {
  weights: Readonly<Record<string, number>>;
  fields: readonly ScreenField[];
}) {
  const labels = new Map(fields.map((f) => [f.name, f.label]));
  const entries = Object.entries(weights).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  if (entries.length === 0) return null;
  return (
    <p className="text-xs text-slate-500" data-testid="score-weights">
      Score weights:{' '}
      {entries.map(([name, weight], i) => (
        <span key={name}>
          {i > 0 ? ', ' : ''}
          <span title={name}>{labels.get(name) ?? name}</span>{' '}
          <span className="font-mono">{Number((weight * 100).toFixed(1))}%</span>
        </span>
      ))}
    </p>
  );
}
