import { TRUSTED_TOKENS } from '@marketlens/quant';
import type { Assessment, MemeToken, TokenCreate } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import { previousAssessment, requireToken, storedFlags } from './assess.service';
import { describeAssessmentChange } from './assessment-words';
import { findAssessment, latestTwoPerToken, listAssessments, type AssessmentRow } from './assessments.store';
import { insertToken, listTokens, tokenCounts, type TokenRow } from './tokens.store';

function tokenDto(
  token: TokenRow,
  [latest, previous]: AssessmentRow[],
  counts: { transfers: number; posts: number } | undefined,
): MemeToken {
  const flags = latest ? storedFlags(latest) : [];
  const score = latest?.riskScore ?? null;
  const before = previous?.riskScore ?? null;
  return {
    address: token.address,
    chain: 'ethereum',
    symbol: token.symbol,
    name: token.name,
    decimals: token.decimals,
    totalSupply: token.totalSupply,
    synthetic: token.synthetic,
    trusted: TRUSTED_TOKENS[token.address] ?? null,
    instrumentSymbol: token.instrumentSymbol,
    searchQuery: token.searchQuery,
    fromCreation: token.fromCreation,
    riskScore: score,
    previousScore: before,
    trend: score === null || before === null ? null : score > before ? 'up' : score < before ? 'down' : 'flat',
    lastAssessedAt: latest?.assessedAt.toISOString() ?? null,
    alarms: {
      danger: flags.filter((f) => f.level === 'danger').length,
      warn: flags.filter((f) => f.level === 'warn').length,
    },
    transferCount: counts?.transfers ?? 0,
    postCount: counts?.posts ?? 0,
    createdAt: token.createdAt.toISOString(),
  };
}

/** Every watched token with its latest score and the trend against the one before, riskiest first. */
export async function listTokenSummaries(ctx: AppContext): Promise<MemeToken[]> {
  const [tokens, counts, latest] = await Promise.all([
    listTokens(ctx.db.orm),
    tokenCounts(ctx.db.orm),
    latestTwoPerToken(ctx.db.orm),
  ]);
  const dtos = tokens.map((t) => tokenDto(t, latest.get(t.address) ?? [], counts.get(t.address)));
  return dtos.sort((a, b) => (b.riskScore ?? -1) - (a.riskScore ?? -1) || a.symbol.localeCompare(b.symbol));
}

export async function tokenSummary(ctx: AppContext, address: string): Promise<MemeToken> {
  const token = await requireToken(ctx, address);
  const [latestTwo, counts] = await Promise.all([
    listAssessments(ctx.db.orm, address, { limit: 2 }),
    tokenCounts(ctx.db.orm, address),
  ]);
  return tokenDto(token, latestTwo, counts.get(address));
}

/** Starts watching a token; 409 when it is watched already. */
export async function createToken(ctx: AppContext, input: TokenCreate): Promise<MemeToken> {
  const created = await insertToken(ctx.db.orm, {
    address: input.address,
    symbol: input.symbol.toUpperCase(),
    name: input.name ?? null,
    decimals: input.decimals,
    instrumentSymbol: input.instrumentSymbol?.toUpperCase() ?? null,
    searchQuery: input.searchQuery ?? null,
    fromCreation: input.fromCreation,
  });
  if (!created) throw new ConflictError('TOKEN_EXISTS', `Token ${input.address} is already watched`);
  return tokenSummary(ctx, input.address);
}

/** An assessment with its flags, metrics and what changed since the one before it. */
export async function assessmentDto(ctx: AppContext, row: AssessmentRow): Promise<Assessment> {
  const previous = await previousAssessment(ctx, row);
  const flags = storedFlags(row);
  return {
    id: row.id,
    token: row.token,
    assessedAt: row.assessedAt.toISOString(),
    riskScore: row.riskScore,
    trigger: row.trigger,
    trusted: row.trusted,
    flags,
    metrics: row.metrics as Assessment['metrics'],
    diff: describeAssessmentChange(
      previous ? { id: previous.id, riskScore: previous.riskScore, flags: storedFlags(previous) } : null,
      { riskScore: row.riskScore, flags },
    ),
  };
}

export async function getAssessment(ctx: AppContext, id: string): Promise<Assessment> {
  const row = await findAssessment(ctx.db.orm, id);
  if (!row) throw new NotFoundError(`Assessment ${id}`, 'ASSESSMENT_NOT_FOUND');
  return assessmentDto(ctx, row);
}

export async function tokenDetail(ctx: AppContext, address: string) {
  const token = await tokenSummary(ctx, address);
  const [latest] = await listAssessments(ctx.db.orm, address, { limit: 1 });
  return { token, latest: latest ? await assessmentDto(ctx, latest) : null };
}

export async function assessmentHistory(ctx: AppContext, address: string, limit: number) {
  await requireToken(ctx, address);
  const rows = await listAssessments(ctx.db.orm, address, { limit });
  return rows.map((r) => ({
    id: r.id,
    assessedAt: r.assessedAt.toISOString(),
    riskScore: r.riskScore,
    trigger: r.trigger,
    flags: storedFlags(r).map((f) => ({ code: f.code, level: f.level })),
  }));
}
