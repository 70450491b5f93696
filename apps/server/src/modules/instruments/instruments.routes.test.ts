import { expect, it } from 'vitest';
import { describeEachApp } from '../../../test/describe-each-app';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { multipartFile } from '../../../test/multipart';

const CSV = [
  'Date,Open,High,Low,Close,Adj Close,Volume',
  '2024-01-03,101,103,100,102,102,1200',
  '2024-01-02,100,102,99,101,101,1000', // unsorted on purpose
  '2024-01-04,102,104,90,103,103,900',
  '2024-01-05,103,101,102,104,104,900', // high < low: rejected
  '2024-01-05,abc,105,101,104,104,900', // non-numeric open: rejected
].join('\n');

describeEachApp(
  'instruments API',
  (getApp) => {
    let analyst: FixtureUser;
    let viewer: FixtureUser;
    const importCsv = async (symbol: string, body: string | Buffer, query = '', who = () => analyst) =>
      getApp().app.inject({
        method: 'POST',
        url: `/api/v1/instruments/${symbol}/import${query}`,
        ...withAuth(multipartFile(body), who()),
      });
    const withAuth = (m: ReturnType<typeof multipartFile>, user: FixtureUser) => ({
      payload: m.payload,
      headers: { ...m.headers, ...user.authorization },
    });

    it('imports a CSV, reporting rejected lines with their reasons', async () => {
      analyst = await createFixtureUser(getApp().ctx, 'analyst');
      viewer = await createFixtureUser(getApp().ctx, 'viewer');
      const res = await importCsv('acme', CSV, '?timeframe=1d&name=Acme%20Corp&kind=equity');
      expect(res.statusCode, res.body).toBe(200);
      const summary = res.json();
      expect(summary).toMatchObject({
        symbol: 'ACME',
        timeframe: '1d',
        rows: 5,
        inserted: 3,
        updated: 0,
        unchanged: 0,
        layout: 'yahoo',
      });
      expect(summary.rejected).toEqual([
        { line: 5, reason: expect.stringMatching(/high .* below low/) },
        { line: 6, reason: expect.stringMatching(/non-numeric .*Open/) },
      ]);
    });

    it('changes nothing when the same file is imported again', async () => {
      const res = await importCsv('ACME', CSV);
      expect(res.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('serves the bars in time order, with from/to bounds and the latest `limit` bars', async () => {
      const all = await getApp().app.inject({
        url: '/api/v1/instruments/ACME/bars?timeframe=1d',
        headers: viewer.authorization,
      });
      expect(all.statusCode).toBe(200);
      expect(all.json().bars.map((b: { ts: string }) => b.ts.slice(0, 10))).toEqual([
        '2024-01-02',
        '2024-01-03',
        '2024-01-04',
      ]);
      expect(all.json().synthetic).toBe(false);
      const ranged = await getApp().app.inject({
        url: '/api/v1/instruments/acme/bars?from=2024-01-03T00:00:00Z&to=2024-01-04T00:00:00Z',
        headers: viewer.authorization,
      });
      expect(ranged.json().bars).toHaveLength(1);
      const latest = await getApp().app.inject({
        url: '/api/v1/instruments/ACME/bars?limit=2',
        headers: viewer.authorization,
      });
      expect(latest.json().bars.map((b: { close: number }) => b.close)).toEqual([102, 103]);
    });

    it('lists instruments with their coverage and the uploads with their outcome', async () => {
      const list = await getApp().app.inject({ url: '/api/v1/instruments', headers: viewer.authorization });
      const acme = list.json().instruments.find((i: { symbol: string }) => i.symbol === 'ACME');
      expect(acme).toMatchObject({ name: 'Acme Corp', kind: 'equity', synthetic: false });
      expect(acme.timeframes).toEqual([
        { timeframe: '1d', bars: 3, first: '2024-01-02T00:00:00.000Z', last: '2024-01-04T00:00:00.000Z' },
      ]);
      const uploads = await getApp().app.inject({ url: '/api/v1/uploads', headers: viewer.authorization });
      expect(uploads.json().uploads[0]).toMatchObject({
        symbol: 'ACME',
        status: 'succeeded',
        rows: 5,
        unchanged: 3,
        rejectedCount: 2,
      });
    });

    it('rejects a file with missing columns with 400, the line and the reason, and writes nothing', async () => {
      const res = await importCsv('BROKEN', 'Date,Price2\n2024-01-02,10\n');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'CSV_FORMAT', details: { line: 1 } });
      expect(res.json().error.message).toMatch(/line 1: .*missing/i);
      const bars = await getApp().app.inject({ url: '/api/v1/instruments/BROKEN/bars', headers: viewer.authorization });
      expect(bars.statusCode, 'no instrument may be left behind by a failed import').toBe(404);
      const uploads = await getApp().app.inject({ url: '/api/v1/uploads', headers: viewer.authorization });
      expect(uploads.json().uploads[0]).toMatchObject({ symbol: 'BROKEN', status: 'failed' });
    });

    it('rejects an empty file and a file that is not UTF-8', async () => {
      const empty = await importCsv('EMPTY', '');
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toMatch(/empty/i);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Date,Close\n2024-01-02,1\n', 'utf16le')]);
      const wrong = await importCsv('UTF16', utf16);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.message).toMatch(/encoding|UTF-16/i);
    });

    it('rolls back a failing import completely, even after rows were staged', async () => {
      // Valid rows (one changed, one new) followed by bytes that are not UTF-8: the whole import must vanish.
      const changed = CSV.replace('2024-01-03,101,103,100,102,102,1200', '2024-01-03,101,103,100,999,999,1200');
      const file = Buffer.concat([
        Buffer.from(`${changed}\n2024-01-08,1,2,0.5,1.5,1.5,10\n`),
        Buffer.from([0xc3, 0x28, 0x0a]),
      ]);
      const res = await importCsv('ACME', file);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/UTF-8/);
      const bars = await getApp().app.inject({ url: '/api/v1/instruments/ACME/bars', headers: viewer.authorization });
      expect(bars.json().bars.map((b: { close: number }) => b.close)).toEqual([101, 102, 103]);
    });

    it('answers 413 above the upload limit and writes nothing', async () => {
      const big = `Date,Close\n${Array.from({ length: 6000 }, (_, i) => `${new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${100 + i}`).join('\n')}\n`;
      expect(big.length).toBeGreaterThan(64 * 1024);
      const res = await importCsv('HUGE', big);
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: 65536 } });
      const bars = await getApp().app.inject({ url: '/api/v1/instruments/HUGE/bars', headers: viewer.authorization });
      expect(bars.statusCode).toBe(404);
    });

    it('answers 400 naming the field for bad query values and a request without a file', async () => {
      const badTf = await importCsv('ACME', CSV, '?timeframe=2d');
      expect(badTf.statusCode).toBe(400);
      expect(badTf.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(badTf.json().error.message).toMatch(/querystring: timeframe/);
      const badLimit = await getApp().app.inject({
        url: '/api/v1/instruments/ACME/bars?limit=-5',
        headers: viewer.authorization,
      });
      expect(badLimit.json().error.message).toMatch(/limit/);
      const badSymbol = await getApp().app.inject({
        url: '/api/v1/instruments/a%20b/bars',
        headers: viewer.authorization,
      });
      expect(badSymbol.statusCode).toBe(400);
      const noFile = await getApp().app.inject({
        method: 'POST',
        url: '/api/v1/instruments/ACME/import',
        headers: { ...analyst.authorization, 'content-type': 'application/json' },
        payload: { file: 'x' },
      });
      expect(noFile.statusCode).toBe(415);
    });

    it('lets a viewer read but not import, and an admin delete', async () => {
      expect((await importCsv('ACME', CSV, '', () => viewer)).statusCode).toBe(403);
      const admin = await createFixtureUser(getApp().ctx, 'admin');
      const del = await getApp().app.inject({
        method: 'DELETE',
        url: '/api/v1/instruments/ACME',
        headers: admin.authorization,
      });
      expect(del.statusCode).toBe(200);
      const gone = await getApp().app.inject({ url: '/api/v1/instruments/ACME/bars', headers: viewer.authorization });
      expect(gone.json().error.code).toBe('INSTRUMENT_NOT_FOUND');
    });
  },
  { http: { uploadLimitBytes: 65536 } },
);
