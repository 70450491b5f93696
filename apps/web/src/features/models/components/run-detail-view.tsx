import type { RunDetail } from '@marketlens/contracts';
import { useMemo, useState, type ReactNode } from 'react';
import { formatBytes, formatDate, formatDateTime } from '../../../shared/format/format';
import { formatMetricValue, metricLabel } from '../../../shared/format/metric-format';
import { Button } from '../../../shared/ui/button';
import { Field, Select } from '../../../shared/ui/field';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { downloadArtifact, useMetricSeries } from '../api/registry.api';
import { defaultCurveKey, mergeCurves } from '../model/compare-table';
import { MetricCurvesChart } from './metric-curves-chart';
import { RunStatusBadge } from './run-status-badge';

function KeyValues({ entries }: { entries: [string, string][] }) {
  if (entries.length === 0) return <p className="text-xs text-slate-400">none</p>;
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-mono text-slate-500">{k}</dt>
          <dd className="font-mono break-all text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-1.5">
      <h3 className="text-xs font-semibold tracking-wider text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** A run: params, tags, where its data came from, metric curves, latest metrics and artifacts. */
export function RunDetailView({ run }: { run: RunDetail }) {
  const curveKeys = useMemo(() => run.metrics.filter((m) => m.steps > 1).map((m) => m.key), [run.metrics]);
  const [picked, setPicked] = useState<string | null>(null);
  const curveKey = picked !== null && curveKeys.includes(picked) ? picked : defaultCurveKey(curveKeys);
  const series = useMetricSeries([run.id], curveKey);
  const points = series[0]?.data?.points;
  const data = useMemo(() => (points ? mergeCurves([{ runId: run.id, points }]) : []), [points, run.id]);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const dataset = run.source.dataset;

  return (
    <div data-testid="models-run-detail" className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-800">{run.name ?? 'unnamed run'}</span>
        <RunStatusBadge status={run.status} />
        <span className="font-mono text-xs text-slate-400">{run.id}</span>
        <span className="text-xs text-slate-500">
          {formatDateTime(run.startedAt)} → {formatDateTime(run.endedAt)}
        </span>
      </div>
      {run.error ? <ErrorNotice error={new Error(run.error)} title="The run failed" /> : null}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Section title="Params">
          <KeyValues entries={Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b))} />
        </Section>
        <div className="flex flex-col gap-5">
          <Section title="Tags">
            <KeyValues entries={Object.entries(run.tags)} />
          </Section>
          <Section title="Source">
            <KeyValues
              entries={[
                ['code version', run.source.codeVersion],
                ...(dataset
                  ? ([
                      ['instrument', `${dataset.symbol ?? '—'} ${dataset.timeframe ?? ''}`.trim()],
                      [
                        'range',
                        `${dataset.from ? formatDate(dataset.from) : '—'} → ${dataset.to ? formatDate(dataset.to) : '—'}`,
                      ],
                      ['rows', String(dataset.rows)],
                      ['sha256', dataset.sha256],
                    ] as [string, string][])
                  : []),
              ]}
            />
          </Section>
        </div>
      </div>
      {curveKey ? (
        <Section title="Metric curves">
          <Field label="Metric" className="w-64">
            {(id) => (
              <Select id={id} value={curveKey} onChange={(e) => setPicked(e.target.value)}>
                {curveKeys.map((k) => (
                  <option key={k} value={k}>
                    {metricLabel(k)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {series[0]?.isError ? (
            <ErrorNotice error={series[0].error} title="Could not load the curve" />
          ) : !points ? (
            <Loading label="Loading the curve…" />
          ) : (
            <MetricCurvesChart metricKey={curveKey} data={data} runs={[{ runId: run.id, label: run.name ?? 'run' }]} />
          )}
        </Section>
      ) : null}
      <Section title="Latest metrics">
        <Table>
          <thead>
            <tr>
              <Th>Metric</Th>
              <Th className="text-right">Value</Th>
              <Th className="text-right">Steps</Th>
            </tr>
          </thead>
          <tbody>
            {run.metrics.map((m) => (
              <tr key={m.key} data-testid={`models-run-metric-${m.key}`}>
                <Td className="text-xs" title={m.key}>
                  {metricLabel(m.key)}
                </Td>
                <NumTd>{formatMetricValue(m.key, m.value)}</NumTd>
                <NumTd className="text-slate-500">{m.steps}</NumTd>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      <Section title="Artifacts">
        {run.artifacts.length === 0 ? (
          <p className="text-xs text-slate-400">none</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {run.artifacts.map((a) => (
              <li key={a.id} className="flex items-center gap-3 text-sm">
                <Button
                  variant="secondary"
                  size="sm"
                  data-testid={`models-artifact-${a.name}`}
                  onClick={() => {
                    setDownloadError(null);
                    downloadArtifact(run.id, a.name).catch(setDownloadError);
                  }}
                >
                  Download
                </Button>
                <span className="font-mono text-xs">{a.name}</span>
                <span className="text-xs text-slate-500">
                  {a.contentType} · {formatBytes(a.sizeBytes)}
                </span>
                <span className="font-mono text-[11px] text-slate-400" title={a.sha256}>
                  sha256 {a.sha256.slice(0, 12)}…
                </span>
              </li>
            ))}
          </ul>
        )}
        {downloadError ? <ErrorNotice error={downloadError} title="Could not download the artifact" /> : null}
      </Section>
    </div>
  );
}
