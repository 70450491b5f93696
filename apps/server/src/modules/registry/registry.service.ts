import { randomUUID } from 'node:crypto';
import { aliasNameSchema, artifactNameSchema, modelNameSchema } from '@marketlens/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { RunSource } from '../../db/schema';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/http-errors';
import { sha256Hex } from '../../storage/artifact-key';
import { ArtifactNotFoundError } from '../../storage/artifact-store.errors';
import { AliasCache, type ResolvedAlias } from './alias-cache';
import { AliasNotFoundError, CorruptArtifactError, MissingArtifactObjectError } from './registry.errors';
import * as models from './models.store';
import * as store from './runs.store';

export { CorruptArtifactError, AliasNotFoundError } from './registry.errors';

/** How long another process may keep serving an old alias target (see alias-cache.ts). */
export const ALIAS_CACHE_TTL_MS = 2_000;
// One cache per platform (keyed by its database), so several apps in one process (tests) stay apart.
const aliasCaches = new WeakMap<object, AliasCache>();
function aliasCache(ctx: AppContext): AliasCache {
  let cache = aliasCaches.get(ctx.db);
  if (!cache) aliasCaches.set(ctx.db, (cache = new AliasCache(ALIAS_CACHE_TTL_MS)));
  return cache;
}

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new BadRequestError(
      'INVALID_REGISTRY_INPUT',
      `${what} ${JSON.stringify(value)}: ${result.error.issues[0]?.message}`,
    );
  }
  return result.data;
}

export interface StartRunInput {
  experiment: string;
  name?: string;
  userId?: string;
  params: Record<string, string | number | boolean>;
  tags?: Record<string, string>;
  source: RunSource;
  /** A run id chosen by the caller (a queued training's id), so a retried job finds its earlier run. */
  runId?: string;
}

/** Opens a run (status running) in its experiment, created on first use; params are stored as text. */
export async function startRun(
  ctx: AppContext,
  input: StartRunInput,
): Promise<{ runId: string; experimentId: string }> {
  const experiment = input.experiment.trim();
  if (experiment.length === 0 || experiment.length > 200) {
    throw new BadRequestError('INVALID_REGISTRY_INPUT', 'experiment name must have 1-200 characters');
  }
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.params)) {
    if (key.length === 0 || key.length > 200)
      throw new BadRequestError('INVALID_REGISTRY_INPUT', `param key "${key}" must have 1-200 characters`);
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new BadRequestError('INVALID_REGISTRY_INPUT', `param "${key}" is ${value}, not a finite number`);
    }
    params[key] = String(value);
  }
  return ctx.db.orm.transaction(async (tx) => {
    const experimentId = await store.ensureExperiment(tx, experiment);
    const run = await store.insertRun(tx, {
      ...(input.runId ? { id: input.runId } : {}),
      experimentId,
      name: input.name ?? null,
      status: 'running',
      userId: input.userId ?? null,
      source: input.source,
      tags: input.tags ?? {},
    });
    await store.insertParams(tx, run.id, params);
    return { runId: run.id, experimentId };
  });
}

async function requireRun(ctx: AppContext, runId: string): Promise<store.RunWithExperiment> {
  const run = await store.findRun(ctx.db.orm, runId);
  if (!run) throw new NotFoundError(`Run ${runId}`, 'RUN_NOT_FOUND');
  return run;
}

/**
 * Appends metric values. Without `step` a value goes one past the key's last step (a curve grows by calls);
 * re-logging an existing (key, step) replaces its value. Non-finite values are refused by name.
 */
export async function logMetrics(
  ctx: AppContext,
  runId: string,
  metrics: { key: string; value: number; step?: number }[],
): Promise<void> {
  await requireRun(ctx, runId);
  for (const m of metrics) {
    if (m.key.length === 0 || m.key.length > 200)
      throw new BadRequestError('INVALID_METRIC', `metric key "${m.key}" must have 1-200 characters`);
    if (!Number.isFinite(m.value))
      throw new BadRequestError('INVALID_METRIC', `metric "${m.key}" is ${m.value}, not a finite number`);
    if (m.step !== undefined && (!Number.isInteger(m.step) || m.step < 0)) {
      throw new BadRequestError('INVALID_METRIC', `metric "${m.key}" step ${m.step} is not a non-negative integer`);
    }
  }
  const unstepped = [...new Set(metrics.filter((m) => m.step === undefined).map((m) => m.key))];
  const next = await store.nextSteps(ctx.db.orm, runId, unstepped);
  const rows = metrics.map((m) => {
    let step = m.step;
    if (step === undefined) {
      step = next.get(m.key) ?? 0;
      next.set(m.key, step + 1);
    }
    return { runId, key: m.key, step, value: m.value };
  });
  // One (key, step) twice in a batch: the later value wins (ON CONFLICT cannot touch a row twice).
  const unique = new Map(rows.map((r) => [`${r.key}\u0000${r.step}`, r]));
  await store.upsertMetrics(ctx.db.orm, [...unique.values()]);
}

/** PostgreSQL unique violation (23505), possibly wrapped by drizzle in `cause`. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

const objectKey = (row: { id: string; runId: string; name: string }) => `runs/${row.runId}/${row.id}/${row.name}`;

/**
 * Stores the bytes, then the record. Artifacts are immutable: the object key carries the artifact's id, so a
 * second log of a name (409 ARTIFACT_EXISTS) never overwrites what a registered version points at.
 */
export async function logArtifact(
  ctx: AppContext,
  runId: string,
  artifact: { name: string; contentType: string; body: Buffer | string },
): Promise<{ artifactId: string; uri: string; sizeBytes: number; sha256: string }> {
  const name = checked(artifactNameSchema, artifact.name, 'artifact name');
  await requireRun(ctx, runId);
  if (await store.findArtifact(ctx.db.orm, runId, name)) {
    throw new ConflictError('ARTIFACT_EXISTS', `Run ${runId} already has an artifact named "${name}"`);
  }
  const id = randomUUID();
  const key = objectKey({ id, runId, name });
  const stored = await ctx.artifacts.put(key, artifact.body, artifact.contentType);
  try {
    await store.insertArtifact(ctx.db.orm, { id, runId, name, contentType: artifact.contentType, ...stored });
  } catch (err) {
    await ctx.artifacts.delete(key).catch((e: unknown) => ctx.log.warn({ err: e, key }, 'orphan artifact not removed'));
    if (isUniqueViolation(err))
      throw new ConflictError('ARTIFACT_EXISTS', `Run ${runId} already has an artifact named "${name}"`);
    throw err;
  }
  return { artifactId: id, ...stored };
}

export async function finishRun(
  ctx: AppContext,
  runId: string,
  outcome: { status: 'succeeded' | 'failed'; error?: string },
): Promise<void> {
  await requireRun(ctx, runId);
  await store.updateRun(ctx.db.orm, runId, {
    status: outcome.status,
    endedAt: new Date(),
    error: outcome.error === undefined ? null : outcome.error.slice(0, 2000),
  });
}

/** The artifact's bytes, verified against the SHA-256 recorded when it was logged. */
export async function readArtifact(ctx: AppContext, runId: string, name: string): Promise<Buffer> {
  return (await readArtifactWithRecord(ctx, runId, name)).body;
}

export async function readArtifactWithRecord(ctx: AppContext, runId: string, name: string) {
  const row = await store.findArtifact(ctx.db.orm, runId, name);
  if (!row) throw new NotFoundError(`Artifact "${name}" of run ${runId}`, 'ARTIFACT_NOT_FOUND');
  let body: Buffer;
  try {
    body = await ctx.artifacts.get(objectKey(row));
  } catch (err) {
    if (err instanceof ArtifactNotFoundError) throw new MissingArtifactObjectError(runId, name);
    throw err;
  }
  const actual = sha256Hex(body);
  if (actual !== row.sha256) {
    ctx.log.warn({ runId, artifact: name, expected: row.sha256, actual }, 'artifact failed its checksum');
    throw new CorruptArtifactError(runId, name, row.sha256, actual);
  }
  return { row, body };
}

/**
 * A new version (max + 1) of `model`, created on first use, pointing at a run's artifact. The run must exist
 * and not have failed, the artifact must exist and pass its checksum; otherwise nothing is stored.
 */
export async function registerModelVersion(
  ctx: AppContext,
  input: { model: string; runId: string; artifactName: string; userId?: string; description?: string },
): Promise<{ model: string; version: number }> {
  const model = checked(modelNameSchema, input.model, 'model name');
  const run = await requireRun(ctx, input.runId);
  if (run.status === 'failed') {
    throw new ConflictError('RUN_FAILED', `Run ${run.id} failed; a failed run cannot become a model version`);
  }
  await readArtifactWithRecord(ctx, run.id, input.artifactName);
  return ctx.db.orm.transaction(async (tx) => {
    const row = await models.ensureLockedModel(tx, model, input.description);
    const version = await models.nextVersion(tx, row.id);
    await models.insertVersion(tx, {
      modelId: row.id,
      version,
      runId: run.id,
      artifactName: input.artifactName,
      description: input.description ?? null,
      createdBy: input.userId ?? null,
    });
    return { model, version };
  });
}

async function requireLockedModel(tx: Parameters<typeof models.lockModel>[0], model: string) {
  const row = await models.lockModel(tx, model);
  if (!row) throw new NotFoundError(`Model "${model}"`, 'MODEL_NOT_FOUND');
  return row;
}

/** Points `alias` at `version` (promote or roll back) and records from, to, who and why in one transaction. */
export async function setAlias(
  ctx: AppContext,
  input: { model: string; alias: string; version: number; userId?: string; reason: string },
): Promise<void> {
  const alias = checked(aliasNameSchema, input.alias, 'alias');
  const reason = input.reason.trim();
  if (!reason)
    throw new BadRequestError('REASON_REQUIRED', 'Say why the alias moves (reason); it is kept in the history');
  await ctx.db.orm.transaction(async (tx) => {
    const model = await requireLockedModel(tx, input.model);
    const version = await models.findVersion(tx, model.id, input.version);
    if (!version) throw new NotFoundError(`Version ${input.version} of model "${input.model}"`, 'VERSION_NOT_FOUND');
    if (version.status === 'archived') {
      throw new ConflictError('VERSION_ARCHIVED', `Version ${input.version} of model "${input.model}" is archived`);
    }
    const current = await models.findAlias(tx, model.id, alias);
    if (current?.version === input.version) return;
    await models.upsertAlias(tx, model.id, alias, input.version);
    await models.insertHistory(tx, {
      modelId: model.id,
      alias,
      fromVersion: current?.version ?? null,
      toVersion: input.version,
      userId: input.userId ?? null,
      reason,
    });
  });
  aliasCache(ctx).invalidateModel(input.model);
}

/** Removes an alias (history keeps the removal: to version null). */
export async function removeAlias(
  ctx: AppContext,
  input: { model: string; alias: string; userId?: string; reason: string },
): Promise<void> {
  await ctx.db.orm.transaction(async (tx) => {
    const model = await requireLockedModel(tx, input.model);
    const current = await models.findAlias(tx, model.id, input.alias);
    if (!current) throw new AliasNotFoundError(input.model, input.alias);
    await models.deleteAlias(tx, model.id, input.alias);
    await models.insertHistory(tx, {
      modelId: model.id,
      alias: input.alias,
      fromVersion: current.version,
      toVersion: null,
      userId: input.userId ?? null,
      reason: input.reason,
    });
  });
  aliasCache(ctx).invalidateModel(input.model);
}

/** Archives a version no alias points at (move the alias first: serving must never lose its model). */
export async function archiveVersion(
  ctx: AppContext,
  input: { model: string; version: number; userId?: string; reason: string },
): Promise<void> {
  await ctx.db.orm.transaction(async (tx) => {
    const model = await requireLockedModel(tx, input.model);
    const version = await models.findVersion(tx, model.id, input.version);
    if (!version) throw new NotFoundError(`Version ${input.version} of model "${input.model}"`, 'VERSION_NOT_FOUND');
    if (version.status === 'archived') return;
    const pointing = (await models.aliasesOf(tx, model.id)).filter((a) => a.version === input.version);
    if (pointing.length > 0) {
      const names = pointing.map((a) => a.alias).join(', ');
      throw new ConflictError(
        'VERSION_IN_USE',
        `Version ${input.version} of model "${input.model}" is aliased as ${names}; move the alias first`,
      );
    }
    await models.archiveVersionRow(tx, version.id, { userId: input.userId ?? null, reason: input.reason });
  });
}

/** The version an alias points at, cached for ALIAS_CACHE_TTL_MS (cleared at once by changes in this process). */
export async function resolveAlias(ctx: AppContext, model: string, alias: string): Promise<ResolvedAlias | undefined> {
  const cache = aliasCache(ctx);
  const hit = cache.get(model, alias);
  if (hit) return hit.value;
  const row = await models.resolveAliasRow(ctx.db.orm, model, alias);
  const value = row ? { version: row.version, runId: row.runId, artifactName: row.artifactName } : undefined;
  cache.set(model, alias, value);
  return value;
}

/** resolveAlias, or a 404 that says which model and alias and how to set it. */
export async function requireAlias(ctx: AppContext, model: string, alias: string): Promise<ResolvedAlias> {
  const resolved = await resolveAlias(ctx, model, alias);
  if (!resolved) throw new AliasNotFoundError(model, alias);
  return resolved;
}

/** Where one version of a model lives (pinned by a job queued earlier); undefined when it does not exist. */
export async function resolveVersion(
  ctx: AppContext,
  model: string,
  version: number,
): Promise<ResolvedAlias | undefined> {
  const found = await models.findModel(ctx.db.orm, model);
  const row = found ? await models.findVersion(ctx.db.orm, found.id, version) : undefined;
  return row ? { version: row.version, runId: row.runId, artifactName: row.artifactName } : undefined;
}

/**
 * What became of a run a retried job may have started before its worker died: its status and, once a version
 * was registered from it, that version; undefined when there is no such run.
 */
export async function runOutcome(
  ctx: AppContext,
  runId: string,
): Promise<{ status: string; version?: { model: string; version: number; aliases: string[] } } | undefined> {
  const run = await store.findRun(ctx.db.orm, runId);
  if (!run) return undefined;
  const version = await models.versionOfRun(ctx.db.orm, runId);
  return { status: run.status, ...(version ? { version } : {}) };
}

/** Removes a run that never got a version (left by a killed worker), so the retried job can start it again. */
export async function discardUnregisteredRun(ctx: AppContext, runId: string): Promise<void> {
  if (await models.versionOfRun(ctx.db.orm, runId)) {
    throw new Error(`run ${runId} has a registered version and cannot be discarded`);
  }
  await store.deleteRun(ctx.db.orm, runId);
}
