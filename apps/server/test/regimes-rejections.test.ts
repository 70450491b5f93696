import { expect, it } from 'vitest';
import { upsertBars } from '../src/modules/instruments/bars.store';
import { ensureInstrument } from '../src/modules/instruments/instruments.store';
import { countRegimeFits } from '../src/modules/regimes/regimes.store';
import { createFixtureUser, type FixtureUser } from './auth-fixtures';
import { describeEachApp } from './describe-each-app';
import { multipartFile } from './multipart';
import { barsCsv, importRegimeBars, regimeBars } from './regime-fixtures';

// Issue 3, "Done when": a malformed upload, K out of range, too few rows for K, or unusable features get a
// clear 4xx, and nothing is stored (no regime_fits row), on both databases.

describeEachApp(
  'regime fit requests that must be rejected',
  (getApp) => {
    let analyst: FixtureUser;
    const post = (body: object) =>
      getApp().app.inject({
        method: 'POST',
        url: '/api/v1/regimes/fits',
        payload: body,
        headers: analyst.authorization,
      });
    const upload = (csv: string, query = '') => {
      const m = multipartFile(csv);
      return getApp().app.inject({
        method: 'POST',
        url: `/api/v1/regimes/fits/upload${query}`,
        payload: m.payload,
        headers: { ...m.headers, ...analyst.authorization },
      });
    };
    /** Runs a request and checks it stored no fit. */
    const rejected = async (request: () => Promise<{ statusCode: number; body: string }>) => {
      const before = await countRegimeFits(getApp().ctx.db.orm);
      const res = await request();
      expect(await countRegimeFits(getApp().ctx.db.orm), `no regime_fits row after ${res.body}`).toBe(before);
      return { status: res.statusCode, error: JSON.parse(res.body).error };
    };

    it('404s an unknown symbol', async () => {
      analyst = await createFixtureUser(getApp().ctx, 'analyst');
      const { status, error } = await rejected(() => post({ symbol: 'NOPE', states: 2 }));
      expect(status).toBe(404);
      expect(error).toMatchObject({ code: 'INSTRUMENT_NOT_FOUND', message: expect.stringMatching(/NOPE/) });
    });

    it('400s K out of range, naming the field', async () => {
      await importRegimeBars(getApp().ctx, 'ENOUGH', regimeBars(400, 3));
      for (const states of [1, 9, 2.5, 'many']) {
        const { status, error } = await rejected(() => post({ symbol: 'ENOUGH', states }));
        expect(status).toBe(400);
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.message).toMatch(/body: states/);
      }
      const { status } = await rejected(() => upload(barsCsv(regimeBars(100, 3)), '?states=9'));
      expect(status).toBe(400);
    });

    it('400s too few feature rows for K with required and received', async () => {
      await importRegimeBars(getApp().ctx, 'TINY', regimeBars(40, 5));
      const { status, error } = await rejected(() =>
        post({ symbol: 'TINY', states: 6, features: ['logret', 'vol20'] }),
      );
      expect(status).toBe(400);
      expect(error.code).toBe('TOO_FEW_ROWS');
      expect(error.details).toMatchObject({ received: 41 - 20, states: 6 });
      expect(error.details.required).toBeGreaterThan(21);
      expect(error.message).toMatch(/need at least \d+, got 21/);
      const empty = await rejected(() => post({ symbol: 'TINY', states: 2, from: '2030-01-01T00:00:00Z' }));
      expect(empty.status).toBe(400);
      expect(empty.error.code).toBe('NO_BARS');
    });

    it('400s a bar the features cannot use, naming its date and field', async () => {
      const instrument = await ensureInstrument(getApp().ctx.db.orm, { symbol: 'ZERO' });
      const bars = regimeBars(300, 9);
      bars[150] = { ...bars[150]!, close: 0, low: 0 };
      await upsertBars(getApp().ctx.db, { instrumentId: instrument.id, timeframe: '1d' }, bars);
      const { status, error } = await rejected(() => post({ symbol: 'ZERO', states: 2, features: ['logret'] }));
      expect(status).toBe(400);
      expect(error.code).toBe('BAD_BAR');
      expect(error.details).toMatchObject({ date: new Date(bars[150]!.ts).toISOString().slice(0, 10) });
      expect(error.message).toMatch(/close/);
    });

    it('400s a feature that is constant over the range (it cannot separate regimes)', async () => {
      const flatVolume = regimeBars(300, 4).map((b) => ({ ...b, volume: 1000 }));
      await importRegimeBars(getApp().ctx, 'FLATVOL', flatVolume);
      const { status, error } = await rejected(() =>
        post({ symbol: 'FLATVOL', states: 2, features: ['logret', 'volz20'] }),
      );
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'FEATURE_CONSTANT', details: { feature: 'volz20' } });
    });

    it('400s a malformed upload with its line, and a file with too few rows', async () => {
      const missing = await rejected(() => upload('Date,Price2\n2024-01-02,10\n'));
      expect(missing.status).toBe(400);
      expect(missing.error).toMatchObject({ code: 'CSV_FORMAT', details: { line: 1 } });
      const empty = await rejected(() => upload(''));
      expect(empty.status).toBe(400);
      expect(empty.error.message).toMatch(/empty/);
      const short = await rejected(() => upload(barsCsv(regimeBars(10, 2)), '?states=3'));
      expect(short.status).toBe(400);
      expect(short.error.code).toBe('TOO_FEW_ROWS');
      const column = await rejected(() => upload(barsCsv(regimeBars(100, 2)), '?column=Adj%20Close'));
      expect(column.status).toBe(400);
      expect(column.error.message).toMatch(/Adj Close/);
    });

    it('413s an upload over the limit', async () => {
      const big = barsCsv(regimeBars(3000, 1));
      expect(big.length).toBeGreaterThan(64 * 1024);
      const { status, error } = await rejected(() => upload(big));
      expect(status).toBe(413);
      expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: 65536 } });
    });
  },
  { http: { uploadLimitBytes: 65536 } },
);
