import type { ScreenQuery, ScreenResult } from '@marketlens/contracts';
import {
  COMPOSITE_WEIGHTS,
  parseScreenFilter,
  parseScreenSort,
  runScreen,
  SCREEN_FIELDS,
  SCREEN_PRESETS,
  SCREEN_VIEWS,
  ScreenFilterError,
  type ScreenFilter,
} from '@marketlens/quant';
import type { AppContext } from '../../context';
import { BadRequestError, NotFoundError } from '../../http/http-errors';
import { snapshotTable, type CachedSnapshot } from './screen-cache';
import { fieldValue, type MetricValue } from './snapshot-compute';
import { requireUniverse } from './snapshots.service';
import { findSnapshot, latestSnapshot, type SnapshotRow } from './snapshots.store';
import { defaultUniverseId } from './universes.store';

const FIELD_NAMES = new Set(SCREEN_FIELDS.map((f) => f.name));

/** GET /screener/fields: what the web page builds filters, columns and presets from. */
export function screenCatalog() {
  return {
    fields: SCREEN_FIELDS.map((f) => ({ ...f })),
    views: Object.fromEntries(Object.entries(SCREEN_VIEWS).map(([k, v]) => [k, [...v]])),
    presets: SCREEN_PRESETS.map((p) => ({ ...p })),
    compositeWeights: { ...COMPOSITE_WEIGHTS },
  };
}

/** The universe meant (given, else the default) and its snapshot of `asOf` (else the latest), or 404. */
export async function resolveSnapshot(
  ctx: AppContext,
  universeId: string | undefined,
  asOf: string | undefined,
): Promise<SnapshotRow> {
  const id = universeId ?? (await defaultUniverseId(ctx.db.orm));
  if (!id) throw new NotFoundError('A universe (import one first)', 'UNIVERSE_NOT_FOUND');
  const universe = await requireUniverse(ctx, id);
  const snapshot = asOf === undefined ? await latestSnapshot(ctx.db.orm, id) : await findSnapshot(ctx.db.orm, id, asOf);
  if (!snapshot) {
    throw new NotFoundError(
      asOf === undefined
        ? `A snapshot of universe "${universe.name}" (take one: POST /screener/universes/${id}/snapshots)`
        : `The snapshot of universe "${universe.name}" as of ${asOf}`,
      asOf === undefined ? 'NO_SNAPSHOT' : 'SNAPSHOT_NOT_FOUND',
    );
  }
  return snapshot;
}

/** The filter parsed, or 400 INVALID_SCREEN_FILTER with the position and what was expected there. */
export function parseFilterOrBadRequest(text: string): ScreenFilter {
  try {
    return parseScreenFilter(text, SCREEN_FIELDS);
  } catch (err) {
    throw textError('INVALID_SCREEN_FILTER', 'filter', text, err);
  }
}

export function checkSortOrBadRequest(sort: string | null | undefined): string | undefined {
  if (!sort) return undefined;
  try {
    parseScreenSort(sort, SCREEN_FIELDS);
    return sort;
  } catch (err) {
    throw textError('INVALID_SCREEN_SORT', 'sort', sort, err);
  }
}

function textError(code: string, what: string, text: string, err: unknown): unknown {
  if (!(err instanceof ScreenFilterError)) return err;
  const suggestion = err.suggestion ? ` (did you mean "${err.suggestion}"?)` : '';
  return new BadRequestError(
    code,
    `${what} "${text}" at position ${err.position}: expected ${err.expected}, found ${err.found}${suggestion}`,
    {
      position: err.position,
      expected: err.expected,
      found: err.found,
      ...(err.suggestion ? { suggestion: err.suggestion } : {}),
      text,
    },
    { cause: err },
  );
}

/** The view's columns, or the ones asked for (each must be a screen field); symbol always first. */
export function columnsFor(view: keyof typeof SCREEN_VIEWS, fields?: readonly string[]): string[] {
  const wanted = fields ?? SCREEN_VIEWS[view];
  const unknown = wanted.filter((f) => !FIELD_NAMES.has(f));
  if (unknown.length > 0) {
    throw new BadRequestError(
      'UNKNOWN_SCREEN_FIELD',
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: GET /screener/fields lists them`,
      { unknown },
    );
  }
  return ['symbol', ...wanted.filter((f) => f !== 'symbol')];
}

/** Rows of the filter in sort order (indices into the snapshot's rows), all of them or one page. */
export function screenIndices(
  cached: CachedSnapshot,
  filter: ScreenFilter,
  sort: string | undefined,
  page: { offset: number; limit: number } = { offset: 0, limit: Math.max(1, cached.table.size) },
): { total: number; rows: Int32Array } {
  return runScreen(cached.table, { filter, ...(sort ? { sort } : {}), offset: page.offset, limit: page.limit });
}

/** POST /screener/screen: filter + sort + page over a snapshot (the latest by default). */
export async function runScreenQuery(ctx: AppContext, query: ScreenQuery): Promise<ScreenResult> {
  const filter = parseFilterOrBadRequest(query.filter);
  const sort = checkSortOrBadRequest(query.sort);
  const fields = columnsFor(query.view, query.fields);
  const snapshot = await resolveSnapshot(ctx, query.universeId, query.asOf);
  const cached = await snapshotTable(ctx, snapshot.id);
  const started = performance.now();
  const { total, rows } = screenIndices(cached, filter, sort, { offset: query.offset, limit: query.limit });
  const out = Array.from(rows, (i) => rowObject(cached, i, fields));
  return {
    universeId: snapshot.universeId,
    asOf: snapshot.asOf,
    filter: query.filter,
    sort: sort ?? null,
    total,
    offset: query.offset,
    limit: query.limit,
    fields,
    rows: out,
    tookMs: Number((performance.now() - started).toFixed(3)),
  };
}

function rowObject(cached: CachedSnapshot, index: number, fields: readonly string[]): Record<string, MetricValue> {
  const row = cached.rows[index]!;
  return Object.fromEntries(fields.map((f) => [f, fieldValue(row, f)]));
}

const csvCell = (v: MetricValue): string => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A text starting like a formula is prefixed so spreadsheets show it instead of evaluating it.
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** GET /screener/export: the whole result in sort order as CSV (header = the columns). */
export async function exportScreenCsv(
  ctx: AppContext,
  query: Omit<ScreenQuery, 'offset' | 'limit' | 'fields'> & { fields?: string },
): Promise<{ csv: string; filename: string }> {
  const filter = parseFilterOrBadRequest(query.filter);
  const sort = checkSortOrBadRequest(query.sort);
  const fields = columnsFor(
    query.view,
    query.fields
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean),
  );
  const snapshot = await resolveSnapshot(ctx, query.universeId, query.asOf);
  const cached = await snapshotTable(ctx, snapshot.id);
  const { rows } = screenIndices(cached, filter, sort);
  const lines = [fields.join(',')];
  for (const i of rows) lines.push(fields.map((f) => csvCell(fieldValue(cached.rows[i]!, f))).join(','));
  return { csv: `${lines.join('\n')}\n`, filename: `screen-${snapshot.asOf}.csv` };
}
