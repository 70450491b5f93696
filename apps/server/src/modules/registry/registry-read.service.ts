import type {
  Artifact,
  Experiment,
  MetricSeries,
  ModelDetail,
  RegisteredModel,
  RunCompare,
  RunDetail,
  RunStatus,
  RunSummary,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../http/http-errors';
import * as models from './models.store';
import * as store from './runs.store';

// What the routes read: lists and details of experiments, runs and models, shaped as the contracts say.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toRunSummary(run: store.RunWithExperiment): RunSummary {
  return {
    id: run.id,
    experimentId: run.experimentId,
    experimentName: run.experimentName,
    name: run.name,
    status: run.status,
    userId: run.userId,
    startedAt: run.startedAt.toISOString(),
    endedAt: iso(run.endedAt),
    tags: run.tags,
    error: run.error,
  };
}

const toArtifact = (row: store.ArtifactRow): Artifact => ({
  id: row.id,
  name: row.name,
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
  uri: row.uri,
  createdAt: row.createdAt.toISOString(),
});

export async function listExperiments(ctx: AppContext): Promise<Experiment[]> {
  const rows = await store.listExperimentsWithStats(ctx.db.orm);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    runCount: Number(r.runCount),
    // max() over a timestamp comes back as the driver's text on some paths: normalise through Date.
    lastRunAt: r.lastRunAt ? new Date(r.lastRunAt).toISOString() : null,
  }));
}

export async function listRuns(
  ctx: AppContext,
  experimentId: string,
  query: { status?: RunStatus; limit: number },
): Promise<RunSummary[]> {
  if (!(await store.findExperiment(ctx.db.orm, experimentId))) {
    throw new NotFoundError(`Experiment ${experimentId}`, 'EXPERIMENT_NOT_FOUND');
  }
  return (await store.listRunsOf(ctx.db.orm, experimentId, query)).map(toRunSummary);
}

export async function getRun(ctx: AppContext, runId: string): Promise<RunDetail> {
  const run = await store.findRun(ctx.db.orm, runId);
  if (!run) throw new NotFoundError(`Run ${runId}`, 'RUN_NOT_FOUND');
  const [params, metrics, artifacts] = await Promise.all([
    store.paramsOf(ctx.db.orm, [runId]),
    store.latestMetricsOf(ctx.db.orm, [runId]),
    store.artifactsOf(ctx.db.orm, runId),
  ]);
  return {
    ...toRunSummary(run),
    source: run.source,
    params: Object.fromEntries(params.map((p) => [p.key, p.value])),
    metrics: metrics.map((m) => ({ key: m.key, step: m.step, value: m.value, at: m.at.toISOString(), steps: m.steps })),
    artifacts: artifacts.map(toArtifact),
  };
}

export async function getMetricSeries(ctx: AppContext, runId: string, key: string): Promise<MetricSeries> {
  if (!(await store.findRun(ctx.db.orm, runId))) throw new NotFoundError(`Run ${runId}`, 'RUN_NOT_FOUND');
  const rows = await store.metricSeries(ctx.db.orm, runId, key);
  if (rows.length === 0) throw new NotFoundError(`Metric "${key}" of run ${runId}`, 'METRIC_NOT_FOUND');
  return { runId, key, points: rows.map((r) => ({ step: r.step, value: r.value, at: r.at.toISOString() })) };
}

/** 2-5 runs side by side: every param key (flagging those that differ), latest metrics, curve keys. */
export async function compareRuns(ctx: AppContext, ids: readonly string[]): Promise<RunCompare> {
  const found = await store.findRuns(ctx.db.orm, ids);
  const byId = new Map(found.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new NotFoundError(`Run ${missing.join(', ')}`, 'RUN_NOT_FOUND');
  const [params, metrics] = await Promise.all([
    store.paramsOf(ctx.db.orm, ids),
    store.latestMetricsOf(ctx.db.orm, ids),
  ]);
  const column = new Map(ids.map((id, i) => [id, i]));
  const paramRows = new Map<string, (string | null)[]>();
  for (const p of params) {
    const values = paramRows.get(p.key) ?? ids.map(() => null);
    values[column.get(p.runId)!] = p.value;
    paramRows.set(p.key, values);
  }
  const metricRows = new Map<string, (number | null)[]>();
  const seriesKeys = new Set<string>();
  for (const m of metrics) {
    const values = metricRows.get(m.key) ?? ids.map(() => null);
    values[column.get(m.runId)!] = m.value;
    metricRows.set(m.key, values);
    if (m.steps > 1) seriesKeys.add(m.key);
  }
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    runs: ids.map((id) => toRunSummary(byId.get(id)!)),
    params: sorted(paramRows).map(([key, values]) => ({ key, values, differs: new Set(values).size > 1 })),
    metrics: sorted(metricRows).map(([key, values]) => ({ key, values })),
    seriesKeys: [...seriesKeys].sort(),
  };
}

function aliasMap(rows: { modelId: string; alias: string; version: number }[], modelId: string) {
  return Object.fromEntries(rows.filter((a) => a.modelId === modelId).map((a) => [a.alias, a.version]));
}

function toRegisteredModel(
  row: models.RegisteredModelRow,
  latest: number | null,
  aliases: Record<string, number>,
): RegisteredModel {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    latestVersion: latest,
    aliases,
  };
}

export async function listRegisteredModels(ctx: AppContext): Promise<RegisteredModel[]> {
  const [rows, latest, aliases] = await Promise.all([
    models.listModels(ctx.db.orm),
    models.latestVersions(ctx.db.orm),
    models.aliasesOf(ctx.db.orm),
  ]);
  return rows.map((row) => toRegisteredModel(row, latest.get(row.id) ?? null, aliasMap(aliases, row.id)));
}

export async function getModelDetail(ctx: AppContext, name: string): Promise<ModelDetail> {
  const row = await models.findModel(ctx.db.orm, name);
  if (!row) throw new NotFoundError(`Model "${name}"`, 'MODEL_NOT_FOUND');
  const [versions, aliases, history] = await Promise.all([
    models.versionsOf(ctx.db.orm, row.id),
    models.aliasesOf(ctx.db.orm, row.id),
    models.historyOf(ctx.db.orm, row.id),
  ]);
  const aliasesOf = (version: number) => aliases.filter((a) => a.version === version).map((a) => a.alias);
  return {
    ...toRegisteredModel(row, versions[0]?.version ?? null, aliasMap(aliases, row.id)),
    versions: versions.map((v) => ({
      version: v.version,
      runId: v.runId,
      artifactName: v.artifactName,
      status: v.status,
      description: v.description,
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
      aliases: aliasesOf(v.version),
    })),
    history: history.map((h) => ({
      alias: h.alias,
      fromVersion: h.fromVersion,
      toVersion: h.toVersion,
      userId: h.userId,
      reason: h.reason,
      at: h.at.toISOString(),
    })),
  };
}
