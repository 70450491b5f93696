import {
  strategyDefinitionSchema,
  type StrategyDefinition,
  type StrategyDetail,
  type StrategySummary,
  type StrategyVersion,
  type StrategyVersionSummary,
} from '@marketlens/contracts';
import type { StrategyRow, StrategyVersionHead, StrategyVersionRow } from './strategies.store';

// Stored rows -> API answers. Stored documents were validated when saved; reading them back through the
// schema types them (and would surface a document an older schema accepted but this one does not).

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const storedDefinition = (json: unknown): StrategyDefinition => strategyDefinitionSchema.parse(json);

export function toStrategySummary(strategy: StrategyRow, definition: StrategyDefinition): StrategySummary {
  return {
    id: strategy.id,
    name: strategy.name,
    description: definition.description ?? null,
    timeframe: definition.timeframe,
    side: definition.side,
    latestVersion: strategy.latestVersion,
    createdBy: strategy.createdBy,
    createdAt: iso(strategy.createdAt),
    updatedAt: iso(strategy.updatedAt),
    archivedAt: isoOrNull(strategy.archivedAt),
  };
}

export function toVersionSummary(head: StrategyVersionHead): StrategyVersionSummary {
  return { version: head.version, name: head.name, createdBy: head.createdBy, createdAt: iso(head.createdAt) };
}

export function toStrategyDetail(
  strategy: StrategyRow,
  definition: StrategyDefinition,
  versions: readonly StrategyVersionHead[],
): StrategyDetail {
  return { ...toStrategySummary(strategy, definition), definition, versions: versions.map(toVersionSummary) };
}

export function toStrategyVersion(row: StrategyVersionRow): StrategyVersion {
  const definition = storedDefinition(row.definition);
  return {
    strategyId: row.strategyId,
    version: row.version,
    name: definition.name,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
    definition,
  };
}

/**
 * Whether two validated documents say the same thing. Compared as JSON with sorted keys: jsonb does not keep
 * key order, and defaults are filled on both sides, so `{ "cooldownBars": 0 }` and its absence are the same.
 */
export function sameDefinition(a: StrategyDefinition, b: StrategyDefinition): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
