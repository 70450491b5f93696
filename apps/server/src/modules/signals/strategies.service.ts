import type {
  StrategyDefinition,
  StrategyDetail,
  StrategyListQuery,
  StrategySummary,
  StrategyValidation,
  StrategyVersion,
  StrategyVersionSummary,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { Orm } from '../../db/database';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/http-errors';
import { isUniqueViolation } from '../../db/unique-violation';
import { InvalidStrategyError } from './invalid-strategy.error';
import { findStrategyProblems, parseStrategyDocument, strategyWarmUpBars } from './strategy-document';
import {
  sameDefinition,
  storedDefinition,
  toStrategyDetail,
  toStrategySummary,
  toStrategyVersion,
  toVersionSummary,
} from './strategy-record';
import * as store from './strategies.store';

/** POST /strategies/validate: every problem with its path (and column for rules); never throws for a bad document. */
export function validateStrategy(doc: unknown): StrategyValidation {
  const { definition, problems } = findStrategyProblems(doc);
  return { valid: definition !== null, problems, warmUpBars: definition ? strategyWarmUpBars(definition) : null };
}

/** The document, validated, or 400 INVALID_STRATEGY with every problem in `details`. */
function parseOrBadRequest(doc: unknown): StrategyDefinition {
  try {
    return parseStrategyDocument(doc);
  } catch (err) {
    if (err instanceof InvalidStrategyError) {
      throw new BadRequestError('INVALID_STRATEGY', err.message, err.problems, { cause: err });
    }
    throw err;
  }
}

const nameTaken = (name: string) =>
  new ConflictError('STRATEGY_NAME_TAKEN', `A strategy named "${name}" exists (archived strategies keep their names)`);

/** POST /strategies: the strategy and its version 1. */
export async function createStrategy(ctx: AppContext, doc: unknown, userId?: string): Promise<StrategyDetail> {
  const definition = parseOrBadRequest(doc);
  const createdBy = userId ?? null;
  let id: string;
  try {
    id = await ctx.db.orm.transaction(async (tx) => {
      const strategy = await store.insertStrategy(tx, { name: definition.name, createdBy });
      await store.insertVersion(tx, { strategyId: strategy.id, version: 1, definition, createdBy });
      return strategy.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(definition.name);
    throw err;
  }
  return getStrategy(ctx, id);
}

/**
 * POST /strategies/:id/versions: an edit is a new version (versions never change). A document identical to
 * the latest version (defaults filled, key order ignored) creates nothing: `created` is false. The document
 * may rename the strategy, to a name no other strategy has.
 */
export async function addVersion(
  ctx: AppContext,
  id: string,
  doc: unknown,
  userId?: string,
): Promise<{ created: boolean; strategy: StrategyDetail }> {
  const definition = parseOrBadRequest(doc);
  let created = false;
  try {
    await ctx.db.orm.transaction(async (tx) => {
      const strategy = await requireLocked(tx, id);
      if (strategy.archivedAt) throw archived(strategy.name);
      const latest = await store.findVersion(tx, id, strategy.latestVersion);
      if (latest && sameDefinition(storedDefinition(latest.definition), definition)) return;
      const version = strategy.latestVersion + 1;
      await store.insertVersion(tx, { strategyId: id, version, definition, createdBy: userId ?? null });
      await store.updateStrategy(tx, id, { latestVersion: version, name: definition.name, updatedAt: new Date() });
      created = true;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(definition.name);
    throw err;
  }
  return { created, strategy: await getStrategy(ctx, id) };
}

async function requireLocked(orm: Orm, id: string) {
  const strategy = await store.lockStrategy(orm, id);
  if (!strategy) throw strategyNotFound(id);
  return strategy;
}

const strategyNotFound = (id: string) => new NotFoundError(`Strategy ${id}`, 'STRATEGY_NOT_FOUND');
const archived = (name: string) =>
  new ConflictError('STRATEGY_ARCHIVED', `Strategy "${name}" is archived: restore it before editing or backtesting it`);

export async function listStrategySummaries(ctx: AppContext, query: StrategyListQuery): Promise<StrategySummary[]> {
  const rows = await store.listStrategies(ctx.db.orm, query);
  return rows.map((r) => toStrategySummary(r.strategy, storedDefinition(r.definition)));
}

export async function getStrategy(ctx: AppContext, id: string): Promise<StrategyDetail> {
  const row = await store.findStrategyWithLatest(ctx.db.orm, id);
  if (!row) throw strategyNotFound(id);
  const versions = await store.listVersions(ctx.db.orm, id);
  return toStrategyDetail(row.strategy, storedDefinition(row.definition), versions);
}

export async function listStrategyVersions(ctx: AppContext, id: string): Promise<StrategyVersionSummary[]> {
  await getStrategySummary(ctx, id);
  return (await store.listVersions(ctx.db.orm, id)).map(toVersionSummary);
}

async function getStrategySummary(ctx: AppContext, id: string): Promise<StrategySummary> {
  const row = await store.findStrategyWithLatest(ctx.db.orm, id);
  if (!row) throw strategyNotFound(id);
  return toStrategySummary(row.strategy, storedDefinition(row.definition));
}

export async function getStrategyVersion(ctx: AppContext, id: string, version: number): Promise<StrategyVersion> {
  const row = await store.findVersion(ctx.db.orm, id, version);
  if (!row) {
    await getStrategySummary(ctx, id);
    throw new NotFoundError(`Version ${version} of strategy ${id}`, 'STRATEGY_VERSION_NOT_FOUND');
  }
  return toStrategyVersion(row);
}

/**
 * Archiving hides a strategy from the list and makes it read-only (no new versions, no new backtests); its
 * versions, backtests and signals stay. A strategy with an enabled live deployment cannot be archived.
 */
export async function setArchived(ctx: AppContext, id: string, archive: boolean): Promise<StrategyDetail> {
  await ctx.db.orm.transaction(async (tx) => {
    const strategy = await requireLocked(tx, id);
    if (archive === (strategy.archivedAt !== null)) return;
    if (archive && (await store.hasEnabledDeployment(tx, id))) {
      throw new ConflictError(
        'STRATEGY_DEPLOYED',
        `Strategy "${strategy.name}" runs live: disable its deployments before archiving it`,
      );
    }
    await store.updateStrategy(tx, id, { archivedAt: archive ? new Date() : null, updatedAt: new Date() });
  });
  return getStrategy(ctx, id);
}

/** What a backtest runs: a version of a strategy that is not archived, with its document validated again. */
export async function requireRunnableVersion(
  ctx: AppContext,
  id: string,
  version?: number,
): Promise<{ strategy: StrategySummary; version: number; definition: StrategyDefinition }> {
  const strategy = await getStrategySummary(ctx, id);
  if (strategy.archivedAt) throw archived(strategy.name);
  const chosen = version ?? strategy.latestVersion;
  const row = await store.findVersion(ctx.db.orm, id, chosen);
  if (!row) throw new NotFoundError(`Version ${chosen} of strategy "${strategy.name}"`, 'STRATEGY_VERSION_NOT_FOUND');
  // Through the compiler again: a version saved under an older rule language must fail here, not mid-run.
  return { strategy, version: chosen, definition: parseOrBadRequest(row.definition) };
}
