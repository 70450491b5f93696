import { expect, it } from 'vitest';
import { describeEachApp } from '../../../test/describe-each-app';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { multipartFile } from '../../../test/multipart';

/** `days` daily bars from 2024-01-01 whose close is 100 + the day's index, so every close says where it is. */
function csv(days: number): string {
  const rows = ['Date,Open,High,Low,Close,Volume'];
  for (let i = 0; i < days; i++) {
    const date = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${date},${100 + i},${101 + i},${99 + i},${100 + i},1000`);
  }
  return rows.join('\n');
}

describeEachApp('screener sparklines API', (getApp) => {
  let viewer: FixtureUser;
  const get = (query: string, who: FixtureUser | null = viewer) =>
    getApp().app.inject({ url: `/api/v1/screener/sparklines${query}`, headers: who?.authorization ?? {} });

  it('answers the last N daily closes per symbol, oldest first, in the order asked, without unknown symbols', async () => {
    const analyst = await createFixtureUser(getApp().ctx, 'analyst');
    viewer = await createFixtureUser(getApp().ctx, 'viewer');
    for (const [symbol, days] of [
      ['SPKA', 90],
      ['SPKB', 5],
    ] as const) {
      const m = multipartFile(csv(days));
      const res = await getApp().app.inject({
        method: 'POST',
        url: `/api/v1/instruments/${symbol}/import?timeframe=1d&timezone=UTC`,
        payload: m.payload,
        headers: { ...m.headers, ...analyst.authorization },
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    const res = await get('?symbols=spkb,NOPE,SPKA,spkb&bars=60');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ bars: number; sparklines: { symbol: string; closes: number[]; lastTs: string }[] }>();
    expect(body.bars).toBe(60);
    expect(
      body.sparklines.map((s) => s.symbol),
      'asked order, repeats once, unknown left out',
    ).toEqual(['SPKB', 'SPKA']);
    const [b, a] = body.sparklines;
    expect(b?.closes, 'a short series gives what it has').toEqual([100, 101, 102, 103, 104]);
    expect(a?.closes, 'the last 60 of 90 closes, oldest first').toEqual(Array.from({ length: 60 }, (_, i) => 130 + i));
    expect(a?.lastTs).toBe('2024-03-30T00:00:00.000Z');
  });

  it('defaults to 60 bars', async () => {
    const res = await get('?symbols=SPKA');
    expect(res.json().sparklines[0].closes).toHaveLength(60);
  });

  it('refuses more than 200 symbols, none, a bad symbol or a bar count out of range', async () => {
    const many = Array.from({ length: 201 }, (_, i) => `S${i}`).join(',');
    for (const query of [
      `?symbols=${many}`,
      '?symbols=',
      '?symbols=,',
      '?symbols=A%20B',
      '?symbols=SPKA&bars=1',
      '?symbols=SPKA&bars=261',
    ]) {
      const res = await get(query);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
    expect((await get(`?symbols=${many.split(',').slice(0, 200).join(',')}`)).statusCode, '200 symbols is fine').toBe(
      200,
    );
  });

  it('needs a signed-in user', async () => {
    expect((await get('?symbols=SPKA', null)).statusCode).toBe(401);
  });
});
