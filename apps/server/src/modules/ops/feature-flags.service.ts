import type { CreateFeatureFlagRequest, FeatureFlag } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import type { AuditMeta } from '../auth/audit.service';
import { findFlag, insertFlag, listFlags, setFlagEnabled, type FeatureFlagRow } from './feature-flags.store';
import { recordOpsAudit } from './ops-audit';

// Feature flags live in the feature_flags table and are switched on the Ops page; every change is audited in
// the same transaction as the change.

const toDto = (row: FeatureFlagRow): FeatureFlag => ({
  key: row.key,
  enabled: row.enabled,
  description: row.description,
  updatedAt: row.updatedAt.toISOString(),
});

export async function listFeatureFlags(ctx: AppContext): Promise<FeatureFlag[]> {
  return (await listFlags(ctx.db.orm)).map(toDto);
}

/** Whether a flag is on; an unknown flag is off, so code can ask before an admin has created it. */
export async function isFeatureEnabled(ctx: Pick<AppContext, 'db'>, key: string): Promise<boolean> {
  return (await findFlag(ctx.db.orm, key))?.enabled ?? false;
}

export async function createFeatureFlag(
  ctx: AppContext,
  request: CreateFeatureFlagRequest,
  meta: AuditMeta,
): Promise<FeatureFlag> {
  const enabled = request.enabled ?? false;
  const row = await ctx.db.orm.transaction(async (tx) => {
    const created = await insertFlag(tx, { key: request.key, enabled, description: request.description || null });
    if (!created) return undefined;
    await recordOpsAudit(tx, { ...meta, action: 'flags.create', target: created.key, details: { enabled } });
    return created;
  });
  if (!row) throw new ConflictError('FLAG_EXISTS', `Feature flag ${request.key} exists already`);
  return toDto(row);
}

export async function setFeatureFlag(
  ctx: AppContext,
  key: string,
  enabled: boolean,
  meta: AuditMeta,
): Promise<FeatureFlag> {
  const row = await ctx.db.orm.transaction(async (tx) => {
    const before = await findFlag(tx, key);
    if (!before) return undefined;
    const after = await setFlagEnabled(tx, key, enabled);
    await recordOpsAudit(tx, {
      ...meta,
      action: 'flags.update',
      target: key,
      details: { enabled, was: before.enabled },
    });
    return after;
  });
  if (!row) throw new NotFoundError(`Feature flag ${key}`, 'FLAG_NOT_FOUND');
  return toDto(row);
}
