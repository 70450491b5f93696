import type { RunCompare } from '@marketlens/contracts';
import { useMemo, useState } from 'react';
import { formatMetricValue, metricLabel } from '../../../shared/format/metric-format';
import { cx } from '../../../shared/ui/cx';
import { Field, Select } from '../../../shared/ui/field';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { useMetricSeries } from '../api/registry.api';
import { buildCompareTable, defaultCurveKey, mergeCurves } from '../model/compare-table';
import { MetricCurvesChart, RUN_COLORS } from './metric-curves-chart';

function Swatch({ index }: { index: number }) {
  return (
    <span
      aria-hidden
      className="mr-1.5 inline-block size-2 rounded-full"
      style={{ backgroundColor: RUN_COLORS[index % RUN_COLORS.length] }}
    />
  );
}

/** 2-5 runs side by side: params (differences highlighted), latest metrics (best marked), overlaid curves. */
export function CompareView({ compare }: { compare: RunCompare }) {
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const table = useMemo(() => buildCompareTable(compare, { onlyDifferences }), [compare, onlyDifferences]);
  const [picked, setPicked] = useState<string | null>(null);
  const curveKey =
    picked !== null && compare.seriesKeys.includes(picked) ? picked : defaultCurveKey(compare.seriesKeys);
  const runIds = table.columns.map((c) => c.runId);
  const series = useMetricSeries(runIds, curveKey);
  const loaded = series.every((s) => s.data);
  const failed = series.find((s) => s.isError);
  const data = loaded ? mergeCurves(series.map((s, i) => ({ runId: runIds[i]!, points: s.data?.points ?? [] }))) : [];

  return (
    <div className="flex flex-col gap-5">
      <Table data-testid="models-compare-table" data-runs={table.columns.length}>
        <thead>
          <tr>
            <Th>Param / metric</Th>
            {table.columns.map((c, i) => (
              <Th key={c.runId} className="normal-case" data-testid={`models-compare-column-${c.runId}`}>
                <Swatch index={i} />
                {c.label}
                <span className="ml-1 font-mono font-normal text-slate-400">{c.runId.slice(0, 8)}</span>
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <Td colSpan={table.columns.length + 1} className="bg-slate-50/60">
              <div className="flex items-center justify-between">
                <span className="text-xs font-semibold text-slate-600">Params</span>
                <label className="flex items-center gap-1.5 text-xs text-slate-600">
                  <input
                    type="checkbox"
                    checked={onlyDifferences}
                    onChange={(e) => setOnlyDifferences(e.target.checked)}
                    className="accent-slate-900"
                  />
                  Only differences
                </label>
              </div>
            </Td>
          </tr>
          {table.params.map((row) => (
            <tr key={row.key} data-differs={row.differs}>
              <Td className={cx('font-mono text-xs', row.differs ? 'font-semibold text-slate-900' : 'text-slate-500')}>
                {row.key}
              </Td>
              {row.values.map((v, i) => (
                <Td
                  key={table.columns[i]!.runId}
                  className={cx(
                    'max-w-64 truncate font-mono text-xs',
                    row.changed[i] ? 'bg-amber-50 font-semibold text-amber-900' : 'text-slate-700',
                  )}
                  title={v ?? undefined}
                >
                  {v ?? '—'}
                </Td>
              ))}
            </tr>
          ))}
          <tr>
            <Td colSpan={table.columns.length + 1} className="bg-slate-50/60 text-xs font-semibold text-slate-600">
              Metrics (the best is bold where lower or higher is known to be better; per-fold values are the curves
              below)
            </Td>
          </tr>
          {table.metrics.map((row) => (
            <tr key={row.key} data-testid={`models-compare-metric-${row.key}`}>
              <Td className="text-xs text-slate-700" title={row.key}>
                {metricLabel(row.key)}
              </Td>
              {row.values.map((v, i) => (
                <NumTd
                  key={table.columns[i]!.runId}
                  className={cx('text-left', row.best === i ? 'font-bold text-slate-900' : 'text-slate-600')}
                >
                  {formatMetricValue(row.key, v)}
                </NumTd>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      {curveKey ? (
        <div className="flex flex-col gap-2">
          <Field label="Overlaid curve" className="w-64">
            {(id) => (
              <Select id={id} value={curveKey} onChange={(e) => setPicked(e.target.value)}>
                {compare.seriesKeys.map((k) => (
                  <option key={k} value={k}>
                    {metricLabel(k)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {failed ? (
            <ErrorNotice error={failed.error} title="Could not load a curve" />
          ) : !loaded ? (
            <Loading label="Loading curves…" />
          ) : (
            <MetricCurvesChart metricKey={curveKey} data={data} runs={table.columns} />
          )}
        </div>
      ) : null}
    </div>
  );
}
