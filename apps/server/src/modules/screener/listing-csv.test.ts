import { Readable } from 'node:stream';
import { createReadStream, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvFormatError } from '../../providers/csv/csv-format.error';
import { decodeHtmlEntities, parseAmount, parseListingCsv } from './listing-csv';
import { applyUniverseRules, DEFAULT_UNIVERSE_RULES, describeExclusion } from './universe-rules';

const META = '/work/shared/data/stocks_meta';
const hasShared = existsSync(`${META}/companylist.csv`);

const COMPANY_LIST = `"Symbol","Name","LastSale","MarketCap","ADR TSO","IPOyear","Sector","Industry","Summary Quote",
"DDS","Dillard&#39;s, Inc.","66.24","$1.8B","n/a","n/a","Consumer Services","Department/Specialty Retail Stores","https://www.nasdaq.com/symbol/dds",
"MMM","3M Company","209.02","120353716000","n/a","n/a","Health Care","Medical/Dental Instruments","x",
"TINY","Tiny Co","0.5","$400M","n/a","2015","Technology","Software","x",
"NOCAP","No Cap Co","12","n/a","n/a","n/a","Finance","Banks","x",
"SPYX","Some Sector ETF","30","$900M","n/a","n/a","n/a","n/a","x",
"","Nameless","1","1","n/a","n/a","x","x","x",
"DDS","Dillard's again","1","1","n/a","n/a","x","x","x",
`;

async function parse(text: string) {
  return parseListingCsv(Readable.from([Buffer.from(text)]));
}

describe('listing files', () => {
  it('reads the Nasdaq company list: entities decoded, $1.8B and plain numbers, n/a as unknown', async () => {
    const listing = await parse(COMPANY_LIST);
    expect(listing.layout).toBe('nasdaq-companylist');
    expect(listing.rows).toBe(7);
    const dds = listing.entries.find((e) => e.symbol === 'DDS')!;
    expect(dds).toMatchObject({ name: "Dillard's, Inc.", marketCap: 1.8e9, lastSale: 66.24, ipoYear: null });
    expect(listing.entries.find((e) => e.symbol === 'MMM')!.marketCap).toBe(120353716000);
    expect(listing.entries.find((e) => e.symbol === 'NOCAP')!.marketCap).toBeNull();
    expect(listing.entries.find((e) => e.symbol === 'SPYX')).toMatchObject({ isEtf: true, sector: null });
  });

  it('lists the rows it could not read with their line and keeps the first of a repeated symbol', async () => {
    const { problems, entries } = await parse(COMPANY_LIST);
    expect(problems).toEqual([
      { line: 7, reason: 'no symbol' },
      { line: 8, reason: 'symbol DDS is listed twice; the first row is kept' },
    ]);
    expect(entries.filter((e) => e.symbol === 'DDS')).toHaveLength(1);
  });

  it('refuses a file without a Symbol column, naming the line and the header it saw', async () => {
    await expect(parse('Date,Open,Close\n2020-01-01,1,2\n')).rejects.toThrow(CsvFormatError);
    await expect(parse('Date,Open,Close\n')).rejects.toThrow(
      /line 1: no Symbol column in the header \(Date, Open, Close\)/,
    );
    await expect(parse('')).rejects.toThrow(/empty/);
  });

  it('reads nasdaq-listed.csv with its ETF flag and skips test issues', async () => {
    const listing = await parse(
      'Symbol,Company Name,Security Name,Market Category,Test Issue,Financial Status,Round Lot Size,ETF,NextShares\n' +
        'AAL,"American Airlines Group, Inc. ",x,Q,N,N,100.0,N,N\n' +
        'QQQ,Invesco QQQ,x,G,N,N,100.0,Y,N\n' +
        'ZXZZT,Test,x,G,Y,N,100.0,N,N\n',
    );
    expect(listing.layout).toBe('nasdaq-listed');
    expect(listing.entries.map((e) => [e.symbol, e.isEtf, e.exchange])).toEqual([
      ['AAL', false, 'NASDAQ'],
      ['QQQ', true, 'NASDAQ'],
    ]);
    expect(listing.entries[0]!.name).toBe('American Airlines Group, Inc.');
    expect(listing.problems).toEqual([{ line: 4, reason: 'ZXZZT is a test issue, not a company' }]);
  });

  it('parses amounts as the sites write them', () => {
    expect(parseAmount('$1.2B')).toBe(1.2e9);
    expect(parseAmount('$350.5M')).toBeCloseTo(3.505e8);
    expect(parseAmount('$1,234,567')).toBe(1234567);
    expect(parseAmount('2.5e9')).toBe(2.5e9);
    expect(parseAmount('n/a')).toBeNull();
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('about ten')).toBeNaN();
    expect(decodeHtmlEntities('A &amp; B &#x27;C&#39; &quot;D&quot; &bogus;')).toBe('A & B \'C\' "D" &bogus;');
  });
});

describe('universe rules', () => {
  const entry = { symbol: 'X', name: null, sector: null, industry: null, exchange: null, ipoYear: null };
  it('admits $300M-$2B at $1 or more, not ETFs, and names the first rule a row fails', () => {
    const verdict = (marketCap: number | null, lastSale: number | null, isEtf = false) =>
      applyUniverseRules({ ...entry, marketCap, lastSale, isEtf }, DEFAULT_UNIVERSE_RULES).excludedBy;
    expect(verdict(5e8, 10)).toBeNull();
    expect(verdict(3e8, 1)).toBeNull();
    expect(verdict(2e9, 1)).toBeNull();
    expect(verdict(5e8, 10, true)).toBe('etf');
    expect(verdict(null, 10)).toBe('market_cap_unknown');
    expect(verdict(2.9e8, 10)).toBe('market_cap_below');
    expect(verdict(2.5e9, 0.5)).toBe('market_cap_above');
    expect(verdict(5e8, null)).toBe('price_unknown');
    expect(verdict(5e8, 0.99)).toBe('price_below');
    expect(describeExclusion('market_cap_above', { marketCap: 2.5e9, lastSale: 3 }, DEFAULT_UNIVERSE_RULES)).toBe(
      'market cap $2.5B above the maximum $2B',
    );
  });
});

describe.skipIf(!hasShared)(
  `real listings in ${META}${hasShared ? '' : ' (skipped: ../shared/data is absent)'}`,
  () => {
    it('reads every row of companylist.csv and admits a small-cap universe', async () => {
      const listing = await parseListingCsv(createReadStream(`${META}/companylist.csv`));
      expect(listing.rows).toBe(3097);
      expect(listing.entries.length, 'nearly every row is a company').toBeGreaterThan(3000);
      expect(listing.entries.find((e) => e.symbol === 'DDS')!.name).toBe("Dillard's, Inc.");
      const members = listing.entries.filter((e) => applyUniverseRules(e, DEFAULT_UNIVERSE_RULES).included);
      expect(members.length).toBeGreaterThan(300);
      expect(members.every((m) => m.marketCap! >= 3e8 && m.marketCap! <= 2e9 && m.lastSale! >= 1)).toBe(true);
    });

    it('reads nasdaq-listed.csv with ETFs flagged', async () => {
      const listing = await parseListingCsv(createReadStream(`${META}/nasdaq-listed.csv`));
      expect(listing.layout).toBe('nasdaq-listed');
      expect(listing.entries.some((e) => e.isEtf)).toBe(true);
      expect(listing.entries.length).toBeGreaterThan(3000);
    });
  },
);
