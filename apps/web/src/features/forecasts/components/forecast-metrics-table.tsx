import { formatMetricValue, metricLabel } from '../../../shared/format/metric-format';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { cx } from '../../../shared/ui/cx';
import { baselineLabel, describeBaseline, type MetricValues } from '../model/forecast-metrics';
import { buildMetricRows, describeVsBaseline, type MetricRow } from '../model/metrics-verdict';

const COMPARISON_CLASS: Record<MetricRow['comparison'], string> = {
  better: 'text-slate-900 font-semibold',
  worse: 'text-slate-500',
  same: 'text-slate-700',
  'n/a': 'text-slate-700',
};

/**
 * Walk-forward (out-of-sample) metrics of the serving model beside its baseline's, under a sentence that
 * says only what the numbers show. Colour is deliberately muted: a green "win" would oversell a tiny edge.
 */
export function ForecastMetricsTable({
  model,
  baseline,
  baselineName,
  interval,
}: {
  model: MetricValues;
  baseline: MetricValues;
  baselineName?: string;
  interval?: number;
}) {
  const rows = buildMetricRows(model, baseline, interval);
  const verdict = describeVsBaseline(model, baseline, { baselineName, interval });
  const label = baselineLabel(baselineName);
  return (
    <div data-testid="forecast-metrics" className="flex flex-col gap-3">
      <div
        className={cx(
          'rounded-md px-3 py-2 text-sm',
          verdict.tone === 'caution'
            ? 'bg-amber-50 text-amber-900 ring-1 ring-amber-200'
            : 'bg-slate-50 text-slate-800',
        )}
      >
        <p data-testid="forecast-verdict" className="font-medium">
          {verdict.headline}
        </p>
        {verdict.notes.length > 0 ? (
          <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
            {verdict.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <Table>
        <thead>
          <tr>
            <Th>Metric (out of sample)</Th>
            <Th className="text-right">Model</Th>
            <Th className="text-right" title={describeBaseline(baselineName) ?? label}>
              Baseline
            </Th>
            <Th className="text-right">Buy &amp; hold</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`forecast-metric-${row.key}`} data-comparison={row.comparison}>
              <Td className="text-slate-700">
                {metricLabel(row.key)}
                <span className="ml-1 text-[11px] whitespace-nowrap text-slate-400">
                  {row.better === 'nominal' && interval !== undefined
                    ? `target ${Math.round(interval * 100)}%`
                    : row.better === 'lower'
                      ? '↓ better'
                      : '↑ better'}
                </span>
              </Td>
              <NumTd className={COMPARISON_CLASS[row.comparison]}>{formatMetricValue(row.key, row.model)}</NumTd>
              <NumTd className="text-slate-700">{formatMetricValue(row.key, row.baseline)}</NumTd>
              <NumTd className="text-slate-500">
                {row.buyHold === null ? '' : formatMetricValue(row.key, row.buyHold)}
              </NumTd>
            </tr>
          ))}
        </tbody>
      </Table>
      <p data-testid="forecast-baseline" className="text-xs text-slate-500">
        {model.n !== undefined ? `Over ${model.n} out-of-sample bars of the walk-forward evaluation. ` : ''}
        {describeBaseline(baselineName)}
      </p>
    </div>
  );
}
