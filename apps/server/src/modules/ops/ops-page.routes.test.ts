import type { InjectOptions } from 'fastify';
import { expect, it, vi } from 'vitest';
import type { FeatureFlag, OpsOverview } from '@marketlens/contracts';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';

const FAILING = 'opstest.always_fails';
const WORKING = 'opstest.works';
const WAIT = { timeout: 20_000, interval: 50 };

// The Ops page's API on the full app (PGlite and PostgreSQL): admin only, errors in the API's shape, a real
// failed job retried through its route, and flag switches found again in the audit log.
describeEachApp('ops page routes', (getApp) => {
  let admin: FixtureUser;
  let analyst: FixtureUser;
  const inject = (opts: InjectOptions) => getApp().app.inject(opts);
  const asAdmin = (method: InjectOptions['method'], url: string, payload?: object) =>
    inject({ method, url: `/api/v1${url}`, headers: admin.authorization, ...(payload ? { payload } : {}) });
  const overview = async () => (await asAdmin('GET', '/ops/overview')).json<OpsOverview>();
  const runOf = async (id: string) =>
    (await asAdmin('GET', `/jobs/runs?name=${FAILING}&limit=50`))
      .json<{
        runs: { id: string; status: string; error: string | null }[];
      }>()
      .runs.find((r) => r.id === id);

  it('answers admins only, with 401 and 403 in the error shape', async () => {
    const { ctx } = getApp();
    admin = await createFixtureUser(ctx, 'admin');
    analyst = await createFixtureUser(ctx, 'analyst');
    ctx.jobs.register({
      name: FAILING,
      handler: async () => {
        throw new Error('the price feed answered 503 Service Unavailable');
      },
    });
    ctx.jobs.register({ name: WORKING, handler: async () => 'done' });
    await ctx.jobs.start();

    for (const url of ['/ops/overview', '/ops/flags', '/ops/audit']) {
      const forbidden = await inject({ method: 'GET', url: `/api/v1${url}`, headers: analyst.authorization });
      expect(forbidden.statusCode, `${url} as analyst`).toBe(403);
      expect(forbidden.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
      const anonymous = await inject({ method: 'GET', url: `/api/v1${url}` });
      expect(anonymous.statusCode, `${url} anonymous`).toBe(401);
      expect(anonymous.json().error.code).toBeTypeOf('string');
    }
    const retry = await inject({
      method: 'POST',
      url: '/api/v1/jobs/runs/00000000-0000-4000-8000-000000000000/retry',
      headers: analyst.authorization,
    });
    expect(retry.statusCode, 'analysts read runs but do not retry them').toBe(403);
  });

  it('shows the dependencies, every registered job with its queue counts and the schedules with their next run', async () => {
    const before = Date.now();
    const view = await overview();
    expect(view.dependencies.status).toBe('ok');
    expect(Object.keys(view.dependencies.checks).sort()).toEqual(['cache', 'database', 'queue']);
    expect(view.queue).toEqual({ kind: 'in-process', error: null });
    expect(view.jobs.find((j) => j.name === WORKING)).toEqual({
      name: WORKING,
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
    });
    expect(
      view.jobs.map((j) => j.name),
      'the module jobs are listed',
    ).toContain('alerts.evaluate');
    const evaluate = view.schedules.find((s) => s.name === 'alerts.evaluate');
    expect(evaluate).toMatchObject({ cron: '*/5 * * * *', enabled: true, registered: true });
    const next = Date.parse(evaluate!.nextRunAt!);
    expect(next, 'next five-minute mark, in the future').toBeGreaterThan(before);
    expect(next - before).toBeLessThanOrEqual(5 * 60_000);
    expect(new Date(next).getUTCMinutes() % 5).toBe(0);
    const disabled = view.schedules.find((s) => s.name === 'ingest.prices');
    expect(disabled, 'a disabled schedule has no next run').toMatchObject({ enabled: false, nextRunAt: null });
    expect(view.deadLetteredDeliveries).toBe(0);
  });

  it('lists a failed run with its error in words, retries it as a new run and audits the retry', async () => {
    const started = await asAdmin('POST', `/jobs/${FAILING}/run`);
    expect(started.statusCode).toBe(202);
    const { id } = started.json<{ id: string }>();
    const failed = await vi.waitFor(async () => {
      const run = await runOf(id);
      expect(run?.status).toBe('failed');
      return run!;
    }, WAIT);
    expect(failed.error).toBe('the price feed answered 503 Service Unavailable');
    expect((await overview()).jobs.find((j) => j.name === FAILING)?.failed).toBe(1);
    // A NUL in the filter reached PostgreSQL (text cannot hold one) and answered 500 (found by fuzz-http.test.ts).
    const notAName = await asAdmin('GET', '/jobs/runs?name=%00');
    expect(notAName.statusCode).toBe(400);
    expect(notAName.json<{ error: { message: string } }>().error.message).toMatch(/name.*job name/s);
    const onlyFailed = await asAdmin('GET', '/jobs/runs?status=failed');
    expect(onlyFailed.json<{ runs: { status: string }[] }>().runs.every((r) => r.status === 'failed')).toBe(true);

    const retried = await asAdmin('POST', `/jobs/runs/${id}/retry`);
    expect(retried.statusCode).toBe(202);
    const again = retried.json<{ id: string; retryOf: string }>();
    expect(again.retryOf).toBe(id);
    expect(again.id, 'a new run; the failed one stays in the history').not.toBe(id);
    await vi.waitFor(async () => expect((await runOf(again.id))?.status).toBe('failed'), WAIT);
    expect((await runOf(id))?.status).toBe('failed');

    const audit = await asAdmin('GET', '/ops/audit?action=jobs.retry');
    expect(audit.json().entries[0]).toMatchObject({
      action: 'jobs.retry',
      target: FAILING,
      actor: { id: admin.user.id, email: admin.user.email },
      details: { runId: again.id, retryOf: id },
    });
    const runAudit = await asAdmin('GET', '/ops/audit?action=jobs.run');
    expect(runAudit.json().entries[0]).toMatchObject({ action: 'jobs.run', target: FAILING, details: { runId: id } });
  });

  it('refuses to retry a run that did not fail (409) or does not exist (404)', async () => {
    const { id } = (await asAdmin('POST', `/jobs/${WORKING}/run`)).json<{ id: string }>();
    await vi.waitFor(async () => {
      const runs = (await asAdmin('GET', `/jobs/runs?name=${WORKING}`)).json<{
        runs: { id: string; status: string }[];
      }>();
      expect(runs.runs.find((r) => r.id === id)?.status).toBe('succeeded');
    }, WAIT);
    const notFailed = await asAdmin('POST', `/jobs/runs/${id}/retry`);
    expect(notFailed.statusCode).toBe(409);
    expect(notFailed.json()).toEqual({
      error: {
        code: 'JOB_RUN_NOT_FAILED',
        message: `Job run ${id} is succeeded, not failed: only failed runs are retried`,
      },
    });
    const missing = await asAdmin('POST', '/jobs/runs/00000000-0000-4000-8000-000000000000/retry');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('JOB_RUN_NOT_FOUND');
  });

  it('creates and switches feature flags, each change in the audit log', async () => {
    const created = await asAdmin('POST', '/ops/flags', {
      key: 'signals.ml-gate',
      description: 'ML gate on live signals',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json<FeatureFlag>()).toMatchObject({ key: 'signals.ml-gate', enabled: false });
    const duplicate = await asAdmin('POST', '/ops/flags', { key: 'signals.ml-gate' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('FLAG_EXISTS');
    const badKey = await asAdmin('POST', '/ops/flags', { key: 'Not A Key' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.code).toBeTypeOf('string');

    const on = await asAdmin('PATCH', '/ops/flags/signals.ml-gate', { enabled: true });
    expect(on.statusCode).toBe(200);
    expect(on.json<FeatureFlag>().enabled).toBe(true);
    const list = (await asAdmin('GET', '/ops/flags')).json<{ flags: FeatureFlag[] }>();
    expect(list.flags.find((f) => f.key === 'signals.ml-gate')?.enabled).toBe(true);
    const missing = await asAdmin('PATCH', '/ops/flags/no.such-flag', { enabled: true });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'FLAG_NOT_FOUND', message: 'Feature flag no.such-flag not found' },
    });

    const updates = (await asAdmin('GET', '/ops/audit?action=flags.update')).json();
    expect(updates.entries).toHaveLength(1);
    expect(updates.entries[0]).toMatchObject({
      action: 'flags.update',
      target: 'signals.ml-gate',
      actor: { email: admin.user.email },
      details: { enabled: true, was: false },
    });
    expect(updates.actions).toEqual(expect.arrayContaining(['flags.update', 'auth.login', 'jobs.retry']));
    const family = (await asAdmin('GET', '/ops/audit?action=flags.')).json<{ entries: { action: string }[] }>();
    expect(family.entries.map((e) => e.action)).toEqual(['flags.update', 'flags.create']);
  });

  it('filters the audit log by actor and time, and pages through it', async () => {
    const mine = (await asAdmin('GET', `/ops/audit?actor=${encodeURIComponent(admin.user.email.slice(0, 12))}`)).json<{
      entries: { actor: { id: string } | null }[];
    }>();
    expect(mine.entries.length).toBeGreaterThanOrEqual(5);
    expect(mine.entries.every((e) => e.actor?.id === admin.user.id)).toBe(true);
    const byId = (await asAdmin('GET', `/ops/audit?actor=${admin.user.id}`)).json<{ entries: unknown[] }>();
    expect(byId.entries).toHaveLength(mine.entries.length);
    expect((await asAdmin('GET', '/ops/audit?actor=nobody-at-all')).json().entries).toEqual([]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await asAdmin('GET', `/ops/audit?since=${encodeURIComponent(future)}`)).json().entries).toEqual([]);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await asAdmin('GET', `/ops/audit?until=${encodeURIComponent(past)}`)).json().entries).toEqual([]);
    const reversed = await asAdmin(
      'GET',
      `/ops/audit?since=${encodeURIComponent(future)}&until=${encodeURIComponent(past)}`,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('INVALID_RANGE');

    const all = (await asAdmin('GET', '/ops/audit?limit=200')).json<{ entries: { id: number }[]; nextCursor: null }>();
    expect(all.nextCursor).toBeNull();
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { entries: { id: number }[]; nextCursor: number | null } = (
        await asAdmin('GET', `/ops/audit?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`)
      ).json();
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen, 'pages of 2 add up to the whole log, newest first, no repeats').toEqual(all.entries.map((e) => e.id));
  });
});
