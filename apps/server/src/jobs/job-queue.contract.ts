import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database';
import type { Metrics } from '../observability/metrics';
import { InvalidScheduleError } from './invalid-schedule.error';
import { UnknownJobError } from './unknown-job.error';
import type { JobContext, JobQueue } from './job-queue';
import { JobRunsStore, type JobRun, type JobRunStatus } from './job-runs.store';

/** Settings every queue under test gets: small backoff so retries happen in milliseconds. */
export const contractJobsConfig = { concurrency: 2, attempts: 3, backoffMs: 10, maxStalls: 10 } as const;

export interface QueueHarness {
  /** A fresh queue, isolated from every other one (own Redis queue name), configured with contractJobsConfig. */
  make(): JobQueue;
  db(): Database;
  metrics: Metrics;
}

/** Bounded waits: long enough for a slow CI machine, never a claim about speed. */
const WAIT = { timeout: 20_000, interval: 25 };

let jobCounter = 0;
/** Job names unique per test, so per-job metrics start at zero. */
const uniqueName = (base: string) => `${base}.${++jobCounter}.${process.pid}`;

async function sampleValue(
  metric: Metrics['jobFailures'] | Metrics['jobDuration'],
  labels: Record<string, string>,
  suffix = '',
) {
  const { values } = await metric.get();
  const match = values.find(
    (v) =>
      ((v as { metricName?: string }).metricName ?? '').endsWith(suffix) &&
      Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l),
  );
  return match?.value ?? 0;
}

/** Kinds of resource that keep a process alive: timers and sockets. */
const TRACKED = new Set(['Timeout', 'Immediate', 'TCPWRAP', 'TCPCONNECTWRAP', 'PIPEWRAP', 'PIPECONNECTWRAP']);

/**
 * Records the timers and sockets that code run through `record` creates (directly or from callbacks it set
 * up), and which of them are destroyed. Exact where counting open handles is not: an unrelated timer ending
 * cannot hide a leaked one. Handles created in other async contexts are not recorded: test files share
 * their worker process, so an earlier file's late timer or socket can be created during this test and is
 * not the queue's to close.
 */
function trackHandles() {
  const live = new Map<number, string>();
  const context = new AsyncLocalStorage<true>();
  const hook = createHook({
    init: (id, type) => {
      if (TRACKED.has(type) && context.getStore() === true) live.set(id, type);
    },
    destroy: (id) => {
      live.delete(id);
    },
  }).enable();
  return {
    record: <T>(work: () => Promise<T>): Promise<T> => context.run(true, work),
    /** Polls until every recorded handle is gone; returns the types of those still open at the deadline. */
    async leftOpen(): Promise<string[]> {
      // Sockets finish closing a moment after quit() resolves, hence the wait. A plain loop, not vi.waitFor.
      const deadline = Date.now() + WAIT.timeout;
      while (live.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, WAIT.interval));
      hook.disable();
      return [...live.values()];
    },
  };
}

/** The behaviour both JobQueue implementations share; called from each implementation's test file. */
export function describeJobQueueContract(kind: JobQueue['kind'], harness: QueueHarness): void {
  const opened: JobQueue[] = [];
  const open = () => {
    const queue = harness.make();
    opened.push(queue);
    return queue;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.close()));
  });
  const runs = () => new JobRunsStore(harness.db().orm);
  const waitForRun = (id: string, status: JobRunStatus) =>
    vi.waitFor(async () => {
      const run = await runs().findById(id);
      expect(run?.status, `run ${id}`).toBe(status);
      return run as JobRun;
    }, WAIT);

  describe(`${kind} job queue contract`, () => {
    it('runs a job and records it succeeded with its result', async () => {
      const queue = open();
      const name = uniqueName('contract.ok');
      const seen: Pick<JobContext, 'runId' | 'attempt'>[] = [];
      queue.register<{ n: number }, { doubled: number }>({
        name,
        handler: async (payload, ctx) => {
          seen.push({ runId: ctx.runId, attempt: ctx.attempt });
          return { doubled: payload.n * 2 };
        },
      });
      await queue.start();
      const { id } = await queue.enqueue(name, { n: 21 });
      const run = await waitForRun(id, 'succeeded');
      expect(run).toMatchObject({ name, attempt: 1, result: { doubled: 42 }, payload: { n: 21 }, error: null });
      expect(run.startedAt).toBeInstanceOf(Date);
      expect(run.finishedAt).toBeInstanceOf(Date);
      expect(seen, 'the handler sees the run id returned by enqueue').toEqual([{ runId: id, attempt: 1 }]);
      expect(await sampleValue(harness.metrics.jobDuration, { job: name, status: 'succeeded' }, '_count')).toBe(1);
    });

    it('retries a handler that fails twice, then records it succeeded on attempt 3', async () => {
      const queue = open();
      const name = uniqueName('contract.flaky');
      const attempts: number[] = [];
      const givenUp: string[] = [];
      queue.register({
        name,
        handler: async (_payload, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt < 3) throw new Error(`flaky ${ctx.attempt}`);
          return 'finally';
        },
        onGivenUp: async (_payload, reason) => void givenUp.push(reason),
      });
      await queue.start();
      const { id } = await queue.enqueue(name, {});
      const run = await waitForRun(id, 'succeeded');
      expect(run).toMatchObject({ attempt: 3, result: 'finally', error: null });
      expect(attempts).toEqual([1, 2, 3]);
      expect(await sampleValue(harness.metrics.jobFailures, { job: name }), 'two failed attempts').toBe(2);
      expect(givenUp, 'a run that will be retried is not given up').toEqual([]);
    });

    it('ends a handler that always fails as failed after `attempts`, with the error and failures counted, and tells the job once', async () => {
      const queue = open();
      const name = uniqueName('contract.broken');
      let calls = 0;
      const givenUp: { payload: unknown; reason: string }[] = [];
      queue.register({
        name,
        handler: async () => {
          calls += 1;
          throw new Error(`broken on call ${calls}`);
        },
        onGivenUp: async (payload, reason) => void givenUp.push({ payload, reason }),
      });
      await queue.start();
      const { id } = await queue.enqueue(name, { x: 1 });
      const run = await waitForRun(id, 'failed');
      expect(run).toMatchObject({
        attempt: contractJobsConfig.attempts,
        error: `broken on call ${contractJobsConfig.attempts}`,
      });
      expect(run.finishedAt).toBeInstanceOf(Date);
      expect(calls).toBe(contractJobsConfig.attempts);
      expect(await sampleValue(harness.metrics.jobFailures, { job: name })).toBe(contractJobsConfig.attempts);
      expect(await sampleValue(harness.metrics.jobDuration, { job: name, status: 'failed' }, '_count')).toBe(3);
      // Told after the run is recorded failed, so wait for it; only the last attempt's failure gives the run up.
      await vi.waitFor(() => expect(givenUp).toHaveLength(1), WAIT);
      expect(givenUp).toEqual([{ payload: { x: 1 }, reason: `broken on call ${contractJobsConfig.attempts}` }]);
    });

    it('runs the handler once for the same idempotency key, enqueued together and again after success', async () => {
      const queue = open();
      const name = uniqueName('contract.idem');
      let calls = 0;
      queue.register<{ day: string }, string>({
        name,
        idempotencyKey: (p) => p.day,
        handler: async (p) => {
          calls += 1;
          return `done ${p.day}`;
        },
      });
      const [a, b] = await Promise.all([
        queue.enqueue(name, { day: '2024-01-02' }),
        queue.enqueue(name, { day: '2024-01-02' }, { idempotencyKey: '2024-01-02' }),
      ]);
      expect(b.id, 'a duplicate enqueue joins the pending run').toBe(a.id);
      await queue.start();
      await waitForRun(a.id, 'succeeded');
      const again = await queue.enqueue(name, { day: '2024-01-02' });
      expect(again.id, 'after success the key answers with the succeeded run').toBe(a.id);
      expect(await queue.depth()).toBe(0);
      const other = await queue.enqueue(name, { day: '2024-01-03' });
      await waitForRun(other.id, 'succeeded');
      expect(calls, 'one run per key').toBe(2);
      const rows = await runs().listRuns({ name, limit: 10 });
      expect(rows.map((r) => r.status).sort()).toEqual(['succeeded', 'succeeded']);
    });

    it('fires a cron schedule (every second, UTC) and records the run', async () => {
      const queue = open();
      const name = uniqueName('contract.cron');
      queue.register<{ source: string }, string>({ name, handler: async (p) => `tick from ${p.source}` });
      await queue.schedule(name, '* * * * * *', { source: 'cron' });
      await queue.start();
      const run = await vi.waitFor(async () => {
        const [latest] = (await runs().listRuns({ name, limit: 5 })).filter((r) => r.status === 'succeeded');
        expect(latest, 'a scheduled run succeeded').toBeDefined();
        return latest!;
      }, WAIT);
      expect(run).toMatchObject({ payload: { source: 'cron' }, result: 'tick from cron' });
    });

    it('stops a removed schedule from firing, and removing one that does not exist is a no-op', async () => {
      const queue = open();
      const name = uniqueName('contract.unschedule');
      queue.register({ name, handler: async () => 'tick' });
      await queue.schedule(name, '* * * * * *');
      await queue.unschedule(name);
      await queue.unschedule(uniqueName('contract.never-scheduled'));
      await queue.start();
      await new Promise((r) => setTimeout(r, 2_500));
      expect(await runs().listRuns({ name, limit: 5 }), 'no run after the schedule was removed').toEqual([]);
      expect(await queue.depth(), 'nothing left delayed for it').toBe(0);
    });

    it('counts waiting and delayed jobs in depth() before start, and only delayed ones once the rest ran', async () => {
      const queue = open();
      const name = uniqueName('contract.depth');
      queue.register({ name, handler: async () => 'ok' });
      expect(await queue.depth()).toBe(0);
      const first = await queue.enqueue(name, { i: 1 });
      const second = await queue.enqueue(name, { i: 2 });
      await queue.enqueue(name, { i: 3 }, { delayMs: 3_600_000 });
      expect(await queue.depth()).toBe(3);
      expect((await runs().findById(first.id))?.status, 'recorded as queued before any worker runs').toBe('queued');
      await queue.start();
      await waitForRun(first.id, 'succeeded');
      await waitForRun(second.id, 'succeeded');
      await vi.waitFor(async () => expect(await queue.depth()).toBe(1), WAIT);
    });

    it('counts waiting, delayed and active jobs per name, with a zero row for an idle registered job', async () => {
      const queue = open();
      const name = uniqueName('contract.counts');
      const idle = uniqueName('contract.idle');
      let release = () => {};
      const blocked = new Promise<void>((resolve) => (release = resolve));
      queue.register({ name, handler: () => blocked });
      queue.register({ name: idle, handler: async () => null });
      await queue.enqueue(name, { i: 1 });
      await queue.enqueue(name, { i: 2 }, { delayMs: 3_600_000 });
      expect((await queue.counts())[name], 'before any worker runs').toEqual({ waiting: 1, active: 0, delayed: 1 });
      expect((await queue.counts())[idle], 'a registered job with nothing queued').toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
      });
      await queue.start();
      await vi.waitFor(
        async () => expect((await queue.counts())[name]).toEqual({ waiting: 0, active: 1, delayed: 1 }),
        WAIT,
      );
      release();
      await vi.waitFor(async () => expect((await queue.counts())[name]?.active).toBe(0), WAIT);
    });

    it('rejects an unregistered job name and an invalid cron, naming them', async () => {
      const queue = open();
      const name = uniqueName('contract.known');
      queue.register({ name, handler: async () => null });
      await expect(queue.enqueue('nobody.registered', {})).rejects.toThrow(UnknownJobError);
      await expect(queue.schedule('nobody.registered', '* * * * *')).rejects.toThrow(/"nobody\.registered"/);
      await expect(queue.schedule(name, 'every tuesday')).rejects.toThrow(InvalidScheduleError);
      expect(() => queue.register({ name, handler: async () => null })).toThrow(/already registered/);
      expect(queue.has(name)).toBe(true);
      expect(queue.has('nobody.registered')).toBe(false);
    });

    it('answers ping while open', async () => {
      await expect(open().ping()).resolves.toBeUndefined();
    });

    // The timeout leaves room for leftOpen's own 20 s deadline after a slow start on a loaded machine, so a
    // leak fails with the list of what stayed open rather than with a timeout.
    it('close() aborts a running handler and leaves no open handles', { timeout: 60_000 }, async () => {
      const handles = trackHandles();
      const name = uniqueName('contract.close');
      let aborted = false;
      const queue = await handles.record(async () => {
        const queue = harness.make();
        let started!: () => void;
        const running = new Promise<void>((resolve) => (started = resolve));
        queue.register({
          name,
          handler: (_payload, ctx) =>
            new Promise((_, reject) => {
              started();
              ctx.signal.addEventListener('abort', () => {
                aborted = true;
                reject(new Error('aborted by close'));
              });
            }),
        });
        await queue.schedule(name, '0 0 1 1 *');
        await queue.enqueue(name, {}, { delayMs: 3_600_000 });
        await queue.start();
        await queue.enqueue(name, {});
        await running;
        await queue.close();
        return queue;
      });
      expect(aborted, 'the running handler saw its signal abort').toBe(true);
      await expect(queue.enqueue(name, {})).rejects.toThrow(/closed/);
      expect(await handles.leftOpen(), 'timers or sockets the queue opened and close() left open').toEqual([]);
    });
  });
}
