import { generateDemoToken } from '@marketlens/quant';
import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { multipartFile } from '../../../test/multipart';
import { loadDemoToken } from './demo-token.service';
import { handTransfersCsv, TOKEN_A, waitForJobRun } from './memecoins-fixtures';

// The /memecoins API over the synthetic demo token (planted patterns with labels, so the flags can be checked
// against what was planted) and a hand-made token fed by file imports: lists, detail with "what changed",
// timeline, holders, posts, transfers, imports with their errors, queued assessments, collectors, and roles.

const HOUR = 3_600_000;

describeEachApp('memecoins API', (getApp) => {
  let viewer: FixtureUser;
  let analyst: FixtureUser;
  const call = (method: 'GET' | 'POST', url: string, who?: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.authorization ?? {},
      ...(payload === undefined ? {} : { payload }),
    });
  const upload = (url: string, who: FixtureUser, content: string, filename: string) => {
    const file = multipartFile(content, filename);
    return getApp().app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { ...file.headers, ...who.authorization },
      payload: file.payload,
    });
  };
  const demo = generateDemoToken({ seed: 42, startMs: Date.UTC(2025, 10, 3) });
  const label = (pattern: string) => demo.labels.find((l) => l.pattern === pattern)!;

  it('seeds the demo token once, with a history whose score climbs as the planted patterns happen', async () => {
    const { ctx } = getApp();
    viewer = await createFixtureUser(ctx, 'viewer');
    analyst = await createFixtureUser(ctx, 'analyst');
    await ctx.jobs.start(); // queued assessments and collections run in this process
    const first = await loadDemoToken(ctx);
    expect(first).toMatchObject({ address: demo.token, created: true, transfers: demo.transfers.length, bars: 576 });
    expect((await loadDemoToken(ctx)).created, 'a second run leaves it alone').toBe(false);

    const res = await call('GET', '/memecoins/tokens', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const [token] = res.json().tokens;
    expect(token).toMatchObject({
      address: demo.token,
      symbol: 'SYN-MEME',
      synthetic: true,
      fromCreation: true,
      instrumentSymbol: 'SYN-MEME',
      transferCount: demo.transfers.length,
      postCount: first.posts,
      trend: 'flat',
    });
    expect(token.riskScore).toBeGreaterThanOrEqual(80);

    const history = (await call('GET', `/memecoins/tokens/${demo.token}/assessments`, viewer)).json().assessments;
    expect(history).toHaveLength(7);
    const scores = history.map((a: { riskScore: number }) => a.riskScore).reverse();
    expect(scores, 'oldest to newest, never falling').toEqual([...scores].sort((a, b) => a - b));
    expect(scores[0]).toBeLessThan(scores.at(-1));
    const codesAt = (i: number) => history[i].flags.map((f: { code: string }) => f.code);
    expect(codesAt(6), 'at hour 6 nothing planted has happened yet').not.toContain('PUMP_PATTERN');
    expect(codesAt(0)).toEqual(
      expect.arrayContaining(['PUMP_PATTERN', 'WASH_CYCLE', 'FRESH_WALLET_CLUSTER', 'SENTIMENT_SPIKE']),
    );
  });

  it('shows the latest assessment with evidence that points at what was planted, and what changed', async () => {
    const detail = (await call('GET', `/memecoins/tokens/${demo.token}`, viewer)).json();
    const flag = (code: string) => detail.latest.flags.find((f: { code: string }) => f.code === code);
    const wash = label('wash-ring');
    expect(flag('WASH_CYCLE').level).toBe('danger');
    expect(flag('WASH_CYCLE').evidence.transactions.length).toBeGreaterThan(0);
    for (const hash of flag('WASH_CYCLE').evidence.transactions) expect(wash.transactions).toContain(hash);
    const pump = demo.labels.find((l) => l.code === 'PUMP_PATTERN')!;
    for (const t of flag('PUMP_PATTERN').evidence.bars) {
      expect(t).toBeGreaterThanOrEqual(pump.time[0] - 2 * HOUR);
      expect(t).toBeLessThanOrEqual(pump.time[1]);
    }
    expect(flag('SENTIMENT_SPIKE').evidence.posts.length).toBeGreaterThan(0);
    expect(detail.latest.metrics).toMatchObject({ history: 'complete', posts: expect.any(Number), bars: 576 });
    expect(detail.latest.diff.previousScore).not.toBeNull();

    const history = (await call('GET', `/memecoins/tokens/${demo.token}/assessments`, viewer)).json().assessments;
    const atWash = (await call('GET', `/memecoins/assessments/${history[1].id}`, viewer)).json();
    expect(atWash.diff.previousId).toBe(history[2].id);
    expect(atWash.diff.changes).toContainEqual(
      expect.objectContaining({ code: 'WASH_CYCLE', change: 'new', to: 'danger' }),
    );
    expect(atWash.diff.summary).toMatch(
      new RegExp(
        `^Score ${history[2].riskScore} -> ${history[1].riskScore} \\(\\+\\d+\\): .*new WASH_CYCLE \\(danger\\)`,
      ),
    );
    const oldest = (await call('GET', `/memecoins/assessments/${history[6].id}`, viewer)).json();
    expect(oldest.diff).toMatchObject({ previousId: null, previousScore: null, scoreChange: null });
    expect(oldest.diff.summary).toMatch(/^First assessment: score \d+ with \d+ alarms?\.$/);
  });

  it('puts price, sentiment, score and flag markers on one time axis, markers where the evidence is', async () => {
    const timeline = (await call('GET', `/memecoins/tokens/${demo.token}/timeline`, viewer)).json();
    expect(timeline.price).toHaveLength(576);
    expect(timeline.price[0].t).toBe(demo.bars[0]!.ts);
    expect(timeline.risk).toHaveLength(7);
    const spikeHour = timeline.sentiment.find((b: { t: number }) => b.t === label('sentiment-spike').time[0]);
    expect(spikeHour.posts).toBe(60);
    expect(spikeHour.meanSentiment).toBeGreaterThan(0.5);
    const marker = (code: string) => timeline.flags.find((f: { code: string }) => f.code === code);
    expect(marker('SENTIMENT_SPIKE').t).toBe(label('sentiment-spike').time[0]);
    const cluster = label('fresh-wallet-cluster');
    expect(marker('FRESH_WALLET_CLUSTER').t).toBeGreaterThanOrEqual(cluster.time[0] - 60_000);
    expect(marker('FRESH_WALLET_CLUSTER').t).toBeLessThanOrEqual(cluster.time[1] + 60_000);
    const codes = timeline.flags.map((f: { code: string }) => f.code);
    expect(new Set(codes).size, 'one marker per flag and level reached').toBe(codes.length);
  });

  it('replays holders, pages posts and transfers newest first', async () => {
    const holders = (await call('GET', `/memecoins/tokens/${demo.token}/holders?limit=3`, viewer)).json();
    const detail = (await call('GET', `/memecoins/tokens/${demo.token}`, viewer)).json();
    expect(holders).toMatchObject({ history: 'complete', topShare: detail.latest.metrics.topShare });
    expect(holders.top).toHaveLength(3);
    expect(holders.top[0].share).toBeGreaterThanOrEqual(holders.top[1].share);

    const page1 = (await call('GET', `/memecoins/tokens/${demo.token}/posts?limit=5`, viewer)).json().posts;
    expect(page1).toHaveLength(5);
    expect(page1[0]).toMatchObject({ source: 'synthetic', synthetic: true, label: expect.any(String) });
    const before = encodeURIComponent(page1[4].postedAt);
    const page2 = (await call('GET', `/memecoins/tokens/${demo.token}/posts?limit=5&before=${before}`, viewer)).json();
    expect(Date.parse(page2.posts[0].postedAt)).toBeLessThan(Date.parse(page1[4].postedAt));

    const transfers = (await call('GET', `/memecoins/tokens/${demo.token}/transfers?limit=4`, viewer)).json().transfers;
    expect(transfers.map((t: { block: number }) => t.block)).toEqual(
      demo.transfers
        .slice(-4)
        .reverse()
        .map((t) => t.block),
    );
    expect(transfers[0].value).toBe(demo.transfers.at(-1)!.value.toString());
  });

  it('answers bad addresses and unknown tokens in words', async () => {
    const bad = await call('GET', '/memecoins/tokens/0x123', viewer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/0x followed by 40 hex digits/);
    const unknown = await call('GET', `/memecoins/tokens/${TOKEN_A}`, viewer);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'TOKEN_NOT_FOUND' });
    expect((await call('GET', '/memecoins/assessments/00000000-0000-4000-8000-000000000000', viewer)).statusCode).toBe(
      404,
    );
  });

  it('lets analysts watch a token (viewers may not), once', async () => {
    const body = {
      address: TOKEN_A.toUpperCase().replace('0X', '0x'),
      symbol: 'hand',
      name: 'Hand token',
      fromCreation: true,
    };
    expect((await call('POST', '/memecoins/tokens', viewer, body)).statusCode).toBe(403);
    const created = await call('POST', '/memecoins/tokens', analyst, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ address: TOKEN_A, symbol: 'HAND', riskScore: null, trend: null });
    const again = await call('POST', '/memecoins/tokens', analyst, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TOKEN_EXISTS');
    const invalid = await call('POST', '/memecoins/tokens', analyst, { address: TOKEN_A, symbol: 'bad symbol!' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/symbol/);
  });

  it('imports transfers with line-numbered rejections, idempotently, and queues an assessment', async () => {
    const { ctx } = getApp();
    const url = `/memecoins/tokens/${TOKEN_A}/transfers/import`;
    expect((await upload(url, viewer, handTransfersCsv(), 'hand.csv')).statusCode).toBe(403);
    const res = await upload(url, analyst, handTransfersCsv(), 'hand.csv');
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ rows: 6, inserted: 4, duplicates: 0, ignored: 1, rejectedTotal: 1 });
    expect(result.rejected[0].line).toBe(5);
    const run = await waitForJobRun(ctx, result.assessJobId);
    expect(run.status, String(run.error)).toBe('succeeded');
    const detail = (await call('GET', `/memecoins/tokens/${TOKEN_A}`, viewer)).json();
    expect(detail.latest.trigger).toBe('import');
    expect(detail.latest.flags.map((f: { code: string }) => f.code)).toContain('HOLDER_CONCENTRATION');
    expect(detail.latest.metrics).toMatchObject({ history: 'complete', transfers: 4, supply: '1000000' });

    const again = (await upload(url, analyst, handTransfersCsv(), 'hand.csv')).json();
    expect(again).toMatchObject({ inserted: 0, duplicates: 4, assessJobId: null });
    const notCsv = await upload(url, analyst, 'Date,Open,Close\n2024-01-01,1,2\n', 'bars.csv');
    expect(notCsv.statusCode).toBe(400);
    expect(notCsv.json().error).toMatchObject({ code: 'TRANSFERS_FORMAT' });
    expect(notCsv.json().error.message).toMatch(/^bars\.csv: line 1/);
  });

  it('imports posts from JSONL, scoring each text, and refuses an empty file', async () => {
    const url = `/memecoins/tokens/${TOKEN_A}/posts/import`;
    const jsonl = [
      JSON.stringify({ id: '1', text: '$HAND to the moon 🚀 wagmi', created_at: '2026-12-01T10:00:00Z', author: 'a' }),
      JSON.stringify({
        id: '2',
        text: 'sold everything, $HAND looks like a rug, ngmi',
        created_at: '2026-12-01T11:00:00Z',
      }),
      JSON.stringify({ id: '3', created_at: '2026-12-01T11:00:00Z' }),
    ].join('\n');
    const res = await upload(url, analyst, jsonl, 'posts.jsonl');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 2, rejectedTotal: 1 });
    expect(res.json().rejected[0]).toMatchObject({ line: 3, message: expect.stringMatching(/text/) });
    const posts = (await call('GET', `/memecoins/tokens/${TOKEN_A}/posts`, viewer)).json().posts;
    expect(posts.map((p: { id: string; label: string }) => [p.id, p.label])).toEqual([
      ['2', 'negative'],
      ['1', 'positive'],
    ]);
    const empty = await upload(url, analyst, '', 'posts.csv');
    expect(empty.statusCode).toBe(400);
  });

  it('re-assesses on request: the demo token as of its own data, so nothing changes', async () => {
    const { ctx } = getApp();
    expect((await call('POST', `/memecoins/tokens/${demo.token}/assess`, viewer)).statusCode).toBe(403);
    const queued = await call('POST', `/memecoins/tokens/${demo.token}/assess`, analyst);
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ status: 'queued', job: 'memecoins.assess' });
    expect((await waitForJobRun(ctx, queued.json().jobId)).status).toBe('succeeded');
    const detail = (await call('GET', `/memecoins/tokens/${demo.token}`, viewer)).json();
    expect(detail.latest.trigger).toBe('manual');
    expect(detail.latest.diff.summary).toMatch(/^Score unchanged at \d+; no flag changed\.$/);
  });

  it('reports collectors without keys as not configured, naming the setting, and records skipped runs', async () => {
    const { ctx } = getApp();
    const before = (await call('GET', '/memecoins/collectors', viewer)).json().collectors;
    expect(before.find((c: { name: string }) => c.name === 'x')).toMatchObject({
      configured: false,
      reason: expect.stringMatching(/MARKETLENS_PROVIDERS__X__BEARER_TOKEN/),
      lastRunAt: null,
    });
    expect((await call('POST', '/memecoins/collect', viewer, {})).statusCode).toBe(403);
    const queued = await call('POST', '/memecoins/collect', analyst, { address: TOKEN_A });
    expect(queued.statusCode, queued.body).toBe(202);
    const run = await waitForJobRun(ctx, queued.json().jobId);
    expect(run.status, String(run.error)).toBe('succeeded');
    const after = (await call('GET', '/memecoins/collectors', viewer)).json().collectors;
    const etherscan = after.find((c: { name: string }) => c.name === 'etherscan');
    expect(etherscan).toMatchObject({ lastStatus: 'skipped', itemsLastRun: 0 });
    expect(etherscan.lastError).toMatch(/MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY/);
    expect(after.find((c: { name: string }) => c.name === 'prices')).toMatchObject({
      lastStatus: 'skipped',
      lastError: 'HAND names no price instrument',
    });
    const unknown = await call('POST', '/memecoins/collect', analyst, { address: `0x${'c'.repeat(40)}` });
    expect(unknown.statusCode).toBe(404);
  });
});
