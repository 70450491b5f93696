import { like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { outbox } from '../../db/schema';
import { evaluateRules } from '../alerts/alert-rules.service';
import { insertAssessment } from './assessments.store';
import { loadDemoToken } from './demo-token.service';

// Alert kind risk_jump: each new assessment is compared with the one before it; a rise of minJump points or a
// first crossing of minScore raises one event (with its outbox row) per assessment, never twice.

describeEachApp('risk_jump alerts', (getApp) => {
  it('fires once on a jump and once on a crossing, names the token and its alarms, and refuses unknown tokens', async () => {
    const { ctx, app } = getApp();
    const demo = await loadDemoToken(ctx);
    const analyst = await createFixtureUser(ctx, 'analyst');
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: analyst.authorization, ...(payload ? { payload } : {}) });

    const kinds = (await call('GET', '/alerts/kinds')).json().kinds.map((k: { kind: string }) => k.kind);
    expect(kinds).toContain('risk_jump');
    const unknown = await call('POST', '/alerts/rules', {
      name: 'x',
      kind: 'risk_jump',
      symbol: 'SYN-MEME',
      params: { address: `0x${'9'.repeat(40)}` },
    });
    expect(unknown.statusCode, 'a rule on a token nobody watches is refused').toBe(404);
    const created = await call('POST', '/alerts/rules', {
      name: 'meme risk',
      kind: 'risk_jump',
      symbol: 'SYN-MEME',
      params: { address: demo.address, minJump: 10, minScore: 99 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ruleId = created.json().id as string;
    expect((await evaluateRules(ctx)).events, 'the demo history is older than the rule').toBe(0);

    const latest = (await call('GET', `/memecoins/tokens/${demo.address}`)).json().latest;
    const base = latest.riskScore as number;
    const at = (minutes: number) => new Date(Date.parse(latest.assessedAt) + minutes * 60_000);
    const row = (minutes: number, riskScore: number) => ({
      token: demo.address,
      assessedAt: at(minutes),
      riskScore,
      trigger: 'manual' as const,
      trusted: null,
      flags: [{ code: 'WASH_CYCLE', level: 'danger' }],
      metrics: {},
    });
    await insertAssessment(ctx.db.orm, row(1, base - 30));
    await insertAssessment(ctx.db.orm, row(2, base - 25));
    expect((await evaluateRules(ctx)).events, 'falling, then +5: no jump of 10').toBe(0);
    const jump = await insertAssessment(ctx.db.orm, row(3, base - 10));
    const cross = await insertAssessment(ctx.db.orm, row(4, 99));
    expect((await evaluateRules(ctx)).events).toBe(2);
    expect((await evaluateRules(ctx)).events, 'once per assessment').toBe(0);

    const events = (await call('GET', `/alerts/events?ruleId=${ruleId}`)).json().events as Array<{
      message: string;
      values: Record<string, unknown>;
    }>;
    const byId = Object.fromEntries(events.map((e) => [e.values.assessmentId, e]));
    expect(byId[jump.id]!.message).toBe(`SYN-MEME risk score ${base - 25} -> ${base - 10} (+15); WASH_CYCLE (danger)`);
    expect(byId[cross.id]!.values).toMatchObject({ riskScore: 99, previousScore: base - 10, jump: 99 - base + 10 });
    const keys = await ctx.db.orm
      .select({ key: outbox.idempotencyKey })
      .from(outbox)
      .where(like(outbox.idempotencyKey, `alert:${ruleId}:%`));
    expect(keys.map((k) => k.key).sort()).toEqual(
      [`alert:${ruleId}:risk:${cross.id}`, `alert:${ruleId}:risk:${jump.id}`].sort(),
    );
  });
});
