import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { RSI_STRATEGY } from '../../../test/signals-fixtures';

describeEachApp('strategies API', (getApp) => {
  let viewer: FixtureUser;
  let analyst: FixtureUser;
  let id: string;
  const call = (method: 'GET' | 'POST', url: string, who?: FixtureUser, payload?: unknown) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.authorization ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('lets analysts create strategies, not viewers, and not anonymous callers', async () => {
    viewer = await createFixtureUser(getApp().ctx, 'viewer');
    analyst = await createFixtureUser(getApp().ctx, 'analyst');
    expect((await call('POST', '/strategies', undefined, RSI_STRATEGY)).statusCode).toBe(401);
    const denied = await call('POST', '/strategies', viewer, RSI_STRATEGY);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');

    const res = await call('POST', '/strategies', analyst, RSI_STRATEGY);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    id = created.id;
    expect(created).toMatchObject({
      name: 'rsi-swing',
      timeframe: '1d',
      side: 'long',
      latestVersion: 1,
      createdBy: analyst.user.id,
      archivedAt: null,
      definition: { ...RSI_STRATEGY, cooldownBars: 0, sizing: { fraction: 1 } },
    });
    expect(created.versions).toEqual([
      { version: 1, name: 'rsi-swing', createdBy: analyst.user.id, createdAt: expect.any(String) },
    ]);
    expect((await call('GET', `/strategies/${id}`, viewer)).json()).toEqual(created);
  });

  it('answers 400 INVALID_STRATEGY with every problem, rules with their column', async () => {
    const res = await call('POST', '/strategies', analyst, {
      ...RSI_STRATEGY,
      name: 'broken',
      entry: 'rsi(close, 14) < 40 andd close > 1',
      exit: 'rsx(close, 14) > 55',
      slippageBps: -3,
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('INVALID_STRATEGY');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'entry', message: expect.stringMatching(/^column 21: /), position: 20 },
        { path: 'exit', message: expect.stringMatching(/unknown indicator 'rsx'/), position: 0 },
        { path: 'slippageBps', message: expect.any(String) },
      ]),
    );
    expect((await call('GET', '/strategies', viewer)).json().strategies.map((s: { name: string }) => s.name)).toEqual([
      'rsi-swing',
    ]);
  });

  it('validates a document for the editor: 200 with the problems, their columns counted in the text as typed', async () => {
    const bad = await call('POST', '/strategies/validate', viewer, { timeframe: '1d', entry: '   close >> 3' });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().valid).toBe(false);
    expect(bad.json().warmUpBars).toBeNull();
    expect(bad.json().problems).toEqual(
      expect.arrayContaining([
        { path: 'name', message: expect.any(String) },
        // The second '>' is at offset 10 of the text as typed (7 of the trimmed text).
        { path: 'entry', message: expect.stringMatching(/^column 11: /), position: 10 },
      ]),
    );
    const good = (await call('POST', '/strategies/validate', viewer, RSI_STRATEGY)).json();
    expect(good).toEqual({ valid: true, problems: [], warmUpBars: 15 });
    expect((await call('POST', '/strategies/validate', undefined, RSI_STRATEGY)).statusCode).toBe(401);
  });

  it('saves every edit as a new version and an identical document as none', async () => {
    const edited = await call('POST', `/strategies/${id}/versions`, analyst, {
      ...RSI_STRATEGY,
      exit: 'rsi(close, 14) > 60',
    });
    expect(edited.statusCode, edited.body).toBe(201);
    expect(edited.json()).toMatchObject({ latestVersion: 2, definition: { exit: 'rsi(close, 14) > 60' } });
    // Same document, keys in another order and a default written out: no new version.
    const { exit: _e, ...rest } = RSI_STRATEGY;
    const same = await call('POST', `/strategies/${id}/versions`, analyst, {
      cooldownBars: 0,
      exit: 'rsi(close, 14) > 60',
      ...rest,
    });
    expect(same.statusCode).toBe(200);
    expect(same.json().latestVersion).toBe(2);
    const renamed = await call('POST', `/strategies/${id}/versions`, analyst, { ...RSI_STRATEGY, name: 'rsi-swing-2' });
    expect(renamed.statusCode).toBe(201);
    expect(renamed.json()).toMatchObject({ name: 'rsi-swing-2', latestVersion: 3 });

    const versions = (await call('GET', `/strategies/${id}/versions`, viewer)).json().versions;
    expect(versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [3, 'rsi-swing-2'],
      [2, 'rsi-swing'],
      [1, 'rsi-swing'],
    ]);
    const v2 = await call('GET', `/strategies/${id}/versions/2`, viewer);
    expect(v2.json()).toMatchObject({ strategyId: id, version: 2, definition: { exit: 'rsi(close, 14) > 60' } });
    const v1 = (await call('GET', `/strategies/${id}/versions/1`, viewer)).json();
    expect(v1.definition.exit, 'versions never change').toBe(RSI_STRATEGY.exit);
    expect((await call('GET', `/strategies/${id}/versions/9`, viewer)).json().error.code).toBe(
      'STRATEGY_VERSION_NOT_FOUND',
    );
    expect((await call('POST', `/strategies/${id}/versions`, viewer, RSI_STRATEGY)).statusCode).toBe(403);
  });

  it('keeps names unique: creating or renaming to a taken name is 409', async () => {
    const other = await call('POST', '/strategies', analyst, { ...RSI_STRATEGY, name: 'other' });
    expect(other.statusCode).toBe(201);
    const taken = await call('POST', '/strategies', analyst, { ...RSI_STRATEGY, name: 'rsi-swing-2' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('STRATEGY_NAME_TAKEN');
    const rename = await call('POST', `/strategies/${other.json().id}/versions`, analyst, {
      ...RSI_STRATEGY,
      name: 'rsi-swing-2',
    });
    expect(rename.statusCode).toBe(409);
    expect((await call('GET', `/strategies/${other.json().id}`, viewer)).json().latestVersion).toBe(1);
  });

  it('archives a strategy: hidden from the list, read-only, and restorable', async () => {
    expect((await call('POST', `/strategies/${id}/archive`, viewer)).statusCode).toBe(403);
    const archived = await call('POST', `/strategies/${id}/archive`, analyst);
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).toEqual(expect.any(String));
    const names = async (q = '') =>
      (await call('GET', `/strategies${q}`, viewer)).json().strategies.map((s: { name: string }) => s.name);
    expect(await names()).toEqual(['other']);
    expect(await names('?archived=only')).toEqual(['rsi-swing-2']);
    expect((await names('?archived=include')).sort()).toEqual(['other', 'rsi-swing-2']);
    const edit = await call('POST', `/strategies/${id}/versions`, analyst, {
      ...RSI_STRATEGY,
      exit: 'rsi(close, 14) > 65',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('STRATEGY_ARCHIVED');
    const restored = await call('POST', `/strategies/${id}/restore`, analyst);
    expect(restored.json().archivedAt).toBeNull();
    expect((await names()).sort()).toEqual(['other', 'rsi-swing-2']);
  });

  it('answers 404 for a strategy that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-00000000abcd';
    for (const url of [
      `/strategies/${missing}`,
      `/strategies/${missing}/versions`,
      `/strategies/${missing}/backtests`,
    ]) {
      const res = await call('GET', url, viewer);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('STRATEGY_NOT_FOUND');
    }
    expect((await call('POST', `/strategies/${missing}/versions`, analyst, RSI_STRATEGY)).statusCode).toBe(404);
  });

  it('documents the strategies and backtests routes in OpenAPI, the document body field by field', async () => {
    const doc = (await getApp().app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/strategies',
        '/api/v1/strategies/validate',
        '/api/v1/strategies/{id}/versions/{version}',
        '/api/v1/strategies/{id}/backtests',
        '/api/v1/backtests',
        '/api/v1/backtests/{id}',
      ]),
    );
    const body = doc.paths['/api/v1/strategies'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['entry', 'exit', 'regime', 'gate']));
  });
});
