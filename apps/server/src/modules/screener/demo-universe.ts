import { createSeededRandom, generateSyntheticBars } from '@marketlens/quant';
import type { RawBar } from '../../providers/market-data-provider';
import type { ListingEntry } from './listing-csv';

// The demo universe: a few hundred synthetic small caps with sectors, market caps and 300 daily bars (enough for
// every metric, 1-year ones included, over the last 8 weeks; more would slow the first start: PGlite stores
// about 30,000 bars a second),
// so a fresh install shows a working screener offline. Every name says "Synthetic" and "(demo data)"; symbols
// start with "SYN". Same seed, same universe on every install.

export const DEMO_UNIVERSE_NAME = 'Synthetic small caps (demo data)';
export const DEMO_BENCHMARK = 'SYN-SMALL';
const DEMO_COMPANIES = 240;
/** About 14 months of weekday sessions. */
const DEMO_BARS = 300;
/** A Monday: daily series start here, so the demo ends on the same date (2025-02-21) on every install. */
export const DEMO_UNIVERSE_START = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

const SECTORS: readonly { sector: string; industries: readonly string[] }[] = [
  { sector: 'Technology', industries: ['Computer Software: Prepackaged Software', 'Semiconductors'] },
  { sector: 'Health Care', industries: ['Major Pharmaceuticals', 'Medical/Dental Instruments'] },
  { sector: 'Finance', industries: ['Major Banks', 'Investment Managers'] },
  { sector: 'Consumer Services', industries: ['Restaurants', 'Other Specialty Stores'] },
  { sector: 'Capital Goods', industries: ['Industrial Machinery/Components', 'Aerospace'] },
  { sector: 'Energy', industries: ['Oil & Gas Production', 'Oilfield Services/Equipment'] },
  { sector: 'Basic Industries', industries: ['Major Chemicals', 'Precious Metals'] },
  { sector: 'Consumer Non-Durables', industries: ['Packaged Foods', 'Apparel'] },
];

export interface DemoCompany extends ListingEntry {
  bars: RawBar[];
}

export interface DemoUniverse {
  companies: DemoCompany[];
  benchmark: { symbol: string; name: string; bars: RawBar[] };
}

/** The demo universe for a seed: companies (about 1 in 5 outside the default rules, to show why) and an index. */
export function generateDemoUniverse(seed: number): DemoUniverse {
  const random = createSeededRandom(seed * 7919 + 11);
  const companies: DemoCompany[] = [];
  for (let i = 0; i < DEMO_COMPANIES; i++) {
    const { sector, industries } = SECTORS[i % SECTORS.length]!;
    // Log-uniform $120M-$4B: most inside the default $300M-$2B band, some outside it.
    const marketCap = Math.round(Math.exp(Math.log(1.2e8) + random.next() * Math.log(4e9 / 1.2e8)));
    const trend = (random.next() - 0.45) * 0.003;
    const vol = 0.012 + random.next() * 0.03;
    const startPrice = random.next() < 0.06 ? 0.5 + random.next() : 5 + random.next() * 80;
    const { bars } = generateSyntheticBars({
      seed: seed * 1000 + i,
      start: DEMO_UNIVERSE_START,
      count: DEMO_BARS,
      timeframeMs: DAY_MS,
      startPrice,
      regimes: [
        { drift: trend + 0.0008, vol },
        { drift: trend - 0.0015, vol: vol * 2 },
      ],
      transition: [
        [0.985, 0.015],
        [0.05, 0.95],
      ],
      skipWeekends: true,
      baseVolume: Math.round(marketCap / 400),
    });
    const number = String(i + 1).padStart(3, '0');
    const isEtf = i % 97 === 96;
    companies.push({
      symbol: `SYN${number}`,
      name: `Synthetic ${isEtf ? 'Sector ETF' : 'Company'} ${number} (demo data)`,
      sector,
      industry: industries[i % industries.length]!,
      exchange: 'SYNTHETIC',
      marketCap,
      lastSale: Number(bars.at(-1)!.close.toFixed(2)),
      ipoYear: 1990 + random.int(34),
      isEtf,
      bars,
    });
  }
  const index = generateSyntheticBars({
    seed: seed * 1000 + 999,
    start: DEMO_UNIVERSE_START,
    count: DEMO_BARS,
    timeframeMs: DAY_MS,
    startPrice: 200,
    skipWeekends: true,
  });
  return {
    companies,
    benchmark: { symbol: DEMO_BENCHMARK, name: 'Synthetic Small-Cap Index (demo data)', bars: index.bars },
  };
}
