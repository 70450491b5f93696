import { basename, extname } from 'node:path';
import {
  universeRulesSchema,
  type ListingRow,
  type UniverseDetail,
  type UniverseImportResult,
  type UniverseRules,
  type UniverseSummary,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, NotFoundError } from '../../http/http-errors';
import { CsvFormatError } from '../../providers/csv/csv-format.error';
import type { CsvInput } from '../../providers/csv/csv-records';
import { parseListingCsv, type ListingEntry } from './listing-csv';
import { requireUniverse } from './snapshots.service';
import { latestSnapshots, type SnapshotRow } from './snapshots.store';
import { applyUniverseRules, describeExclusion } from './universe-rules';
import * as store from './universes.store';

export interface UniverseImport {
  input: CsvInput;
  filename: string;
  name?: string;
  rules?: Partial<UniverseRules>;
  benchmark?: string;
  synthetic?: boolean;
}

/** A universe's name when none is given: the file's name without folder or extension. */
export const nameFromFile = (filename: string) => basename(filename, extname(filename)) || 'universe';

/** The rules as given over the defaults, checked (400 naming the rule). */
export function rulesOf(partial: Partial<UniverseRules> = {}): UniverseRules {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const parsed = universeRulesSchema.safeParse(defined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadRequestError('INVALID_UNIVERSE_RULES', `rules: ${issue.path.join('.') || 'rules'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Builds (or rebuilds, by name) a universe from a listing file and rules: every row is kept with whether the
 * rules admit it and, if not, which rule did not. A file that is not a listing: 400 LISTING_FORMAT with the line.
 */
export async function importUniverse(ctx: AppContext, request: UniverseImport): Promise<UniverseImportResult> {
  const rules = rulesOf(request.rules);
  let parsed;
  try {
    parsed = await parseListingCsv(request.input);
  } catch (err) {
    if (err instanceof CsvFormatError) {
      throw new BadRequestError('LISTING_FORMAT', `${request.filename}: ${err.message}`, {
        line: err.line,
        reason: err.reason,
      });
    }
    throw err;
  }
  if (parsed.entries.length === 0) {
    throw new BadRequestError('LISTING_EMPTY', `${request.filename}: no company rows could be read`, {
      problems: parsed.problems.slice(0, 100),
    });
  }
  const universe = await store.saveUniverse(
    ctx.db.orm,
    {
      name: request.name ?? nameFromFile(request.filename),
      source: basename(request.filename),
      rules,
      benchmark: request.benchmark?.toUpperCase() ?? null,
      synthetic: request.synthetic ?? false,
    },
    parsed.entries.map((entry) => ({ ...entry, ...applyUniverseRules(entry, rules) })),
  );
  return {
    universe: await summaryOf(ctx, universe),
    layout: parsed.layout,
    rows: parsed.rows,
    problems: parsed.problems.slice(0, 1000),
  };
}

function toSummary(
  row: store.UniverseRow,
  counts: { listed: number; members: number } | undefined,
  latest: SnapshotRow | undefined,
): UniverseSummary {
  const listed = counts?.listed ?? 0;
  const members = counts?.members ?? 0;
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    rules: universeRulesSchema.parse(row.rules),
    benchmark: row.benchmark,
    synthetic: row.synthetic,
    listed,
    members,
    rejected: listed - members,
    latestSnapshot: latest ? toSnapshotSummary(latest) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const toSnapshotSummary = (s: SnapshotRow) => ({
  id: s.id,
  universeId: s.universeId,
  asOf: s.asOf,
  memberCount: s.memberCount,
  benchmark: s.benchmark,
  builtAt: s.builtAt.toISOString(),
});

async function summaryOf(ctx: AppContext, row: store.UniverseRow): Promise<UniverseSummary> {
  const [counts, latest] = await Promise.all([store.listingCounts(ctx.db.orm), latestSnapshots(ctx.db.orm)]);
  return toSummary(row, counts.get(row.id), latest.get(row.id));
}

export async function listUniverseSummaries(ctx: AppContext): Promise<UniverseSummary[]> {
  const [rows, counts, latest] = await Promise.all([
    store.listUniverses(ctx.db.orm),
    store.listingCounts(ctx.db.orm),
    latestSnapshots(ctx.db.orm),
  ]);
  return rows.map((row) => toSummary(row, counts.get(row.id), latest.get(row.id)));
}

/** A universe with its members and the rows its rules left out, each with the reason in words. */
export async function getUniverseDetail(ctx: AppContext, id: string): Promise<UniverseDetail> {
  const row = await requireUniverse(ctx, id);
  const rules = universeRulesSchema.parse(row.rules);
  const listing = await store.listListing(ctx.db.orm, id);
  const toRow = (r: store.ListingDbRow): ListingRow => ({
    symbol: r.symbol,
    name: r.name,
    sector: r.sector,
    industry: r.industry,
    exchange: r.exchange,
    marketCap: r.marketCap,
    lastSale: r.lastSale,
    ipoYear: r.ipoYear,
    isEtf: r.isEtf,
    included: r.included,
    excludedBy: r.excludedBy as ListingRow['excludedBy'],
    reason: describeExclusion(r.excludedBy as ListingRow['excludedBy'], r, rules),
  });
  return {
    ...(await summaryOf(ctx, row)),
    listing: listing.filter((r) => r.included).map(toRow),
    rejectedRows: listing.filter((r) => !r.included).map(toRow),
  };
}

export async function removeUniverse(ctx: AppContext, id: string): Promise<void> {
  if (!(await store.deleteUniverse(ctx.db.orm, id))) throw new NotFoundError(`Universe ${id}`, 'UNIVERSE_NOT_FOUND');
}

/** A universe of generated entries (the demo): same path as an import, without a file. */
export async function saveListedUniverse(
  ctx: AppContext,
  universe: { name: string; source: string; rules: UniverseRules; benchmark: string | null; synthetic: boolean },
  entries: readonly ListingEntry[],
): Promise<store.UniverseRow> {
  return store.saveUniverse(
    ctx.db.orm,
    universe,
    entries.map((entry) => ({ ...entry, ...applyUniverseRules(entry, universe.rules) })),
  );
}
