import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/test-databases';
import { JobRunsStore } from './job-runs.store';

describeEachDatabase('JobRunsStore', (_kind, getDb) => {
  const store = () => new JobRunsStore(getDb().orm);

  it('records a run from queued through running to succeeded with its result and timestamps', async () => {
    const runs = store();
    const id = await runs.recordQueued({ name: 'store.ok', idempotencyKey: 'k1', payload: { n: 1 } });
    expect((await runs.findById(id))?.status).toBe('queued');
    await runs.recordRunning({ id, name: 'store.ok', idempotencyKey: 'k1', payload: { n: 1 }, attempt: 1 });
    const running = await runs.findById(id);
    expect(running?.status).toBe('running');
    expect(running?.startedAt).toBeInstanceOf(Date);
    expect(await runs.recordSucceeded(id, 1, { rows: [1, 2] })).toBe('recorded');
    const done = await runs.findById(id);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      result: { rows: [1, 2] },
      payload: { n: 1 },
      error: null,
    });
    expect(done?.finishedAt).toBeInstanceOf(Date);
  });

  it('tells when a job last succeeded, ignoring failures and other jobs', async () => {
    const runs = store();
    expect(await runs.lastSucceededAt('store.fresh'), 'never ran').toBeUndefined();
    const ok = await runs.recordQueued({ name: 'store.fresh', payload: {} });
    await runs.recordRunning({ id: ok, name: 'store.fresh', payload: {}, attempt: 1 });
    await runs.recordSucceeded(ok, 1, null);
    const finished = (await runs.findById(ok))?.finishedAt;
    const failed = await runs.recordQueued({ name: 'store.fresh', payload: {} });
    await runs.recordRunning({ id: failed, name: 'store.fresh', payload: {}, attempt: 1 });
    await runs.recordFailed(failed, 1, 'provider down');
    expect(await runs.lastSucceededAt('store.fresh')).toEqual(finished);
    expect(await runs.lastSucceededAt('store.other')).toBeUndefined();
  });

  it('creates the row when a run starts without having been recorded as queued', async () => {
    const runs = store();
    const id = crypto.randomUUID();
    await runs.recordRunning({ id, name: 'store.cron', payload: undefined, attempt: 1 });
    expect(await runs.findById(id)).toMatchObject({ status: 'running', payload: {}, idempotencyKey: null });
  });

  it('keeps the last error while retrying and records the final failure', async () => {
    const runs = store();
    const id = await runs.recordQueued({ name: 'store.fail', payload: {} });
    await runs.recordRunning({ id, name: 'store.fail', payload: {}, attempt: 1 });
    await runs.recordRetrying(id, 1, 'first');
    expect(await runs.findById(id)).toMatchObject({ status: 'queued', attempt: 1, error: 'first' });
    await runs.recordRunning({ id, name: 'store.fail', payload: {}, attempt: 2 });
    await runs.recordFailed(id, 2, 'second');
    expect(await runs.findById(id)).toMatchObject({ status: 'failed', attempt: 2, error: 'second' });
  });

  it('finds a succeeded run by name and idempotency key only', async () => {
    const runs = store();
    const failed = await runs.recordQueued({ name: 'store.find', idempotencyKey: 'day-1', payload: {} });
    await runs.recordFailed(failed, 1, 'no');
    expect(await runs.findSucceeded('store.find', 'day-1'), 'a failed run does not count as done').toBeUndefined();
    const ok = await runs.recordQueued({ name: 'store.find', idempotencyKey: 'day-1', payload: {} });
    await runs.recordSucceeded(ok, 1, 'r');
    expect((await runs.findSucceeded('store.find', 'day-1'))?.id).toBe(ok);
    expect(await runs.findSucceeded('store.find', 'day-2')).toBeUndefined();
    expect(await runs.findSucceeded('store.other', 'day-1')).toBeUndefined();
  });

  it('reports a second success of the same (name, key) as a duplicate instead of throwing', async () => {
    const runs = store();
    const first = await runs.recordQueued({ name: 'store.dup', idempotencyKey: 'k', payload: {} });
    const second = await runs.recordQueued({ name: 'store.dup', idempotencyKey: 'k', payload: {} });
    expect(await runs.recordSucceeded(first, 1, 1)).toBe('recorded');
    expect(await runs.recordSucceeded(second, 1, 2)).toBe('duplicate');
    expect((await runs.findById(second))?.status, 'the loser is left as it was').toBe('queued');
  });

  it('lists runs newest first, filtered by name and limited', async () => {
    const runs = store();
    const older = [
      await runs.recordQueued({ name: 'store.list', payload: { i: 1 } }),
      await runs.recordQueued({ name: 'store.list', payload: { i: 2 } }),
    ];
    // The two above may share a timestamp (clock resolution); the newest must not.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const newest = await runs.recordQueued({ name: 'store.list', payload: { i: 3 } });
    await runs.recordQueued({ name: 'store.list-other', payload: {} });
    const listed = await runs.listRuns({ name: 'store.list', limit: 2 });
    expect(listed.map((r) => r.name)).toEqual(['store.list', 'store.list']);
    expect(listed[0]?.id).toBe(newest);
    expect(older).toContain(listed[1]?.id);
    expect((await runs.listRuns({ limit: 100 })).some((r) => r.name === 'store.list-other')).toBe(true);
  });
});
