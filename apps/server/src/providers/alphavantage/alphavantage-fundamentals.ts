// OVERVIEW and EARNINGS normalised into the fundamentals the screener stores (table `fundamentals`, data jsonb):
// camelCase names, numbers as numbers, fractions as fractions (0.05 = 5%), null where Alpha Vantage says
// "None" or "-". Alpha Vantage already gives margins, yields and growth as fractions. Names a screen can use are
// the screen fields' (packages/quant SCREEN_FIELDS: psRatio, sharesFloat, grossMargin ...); Alpha Vantage's free
// endpoints give no quarterly revenue or short interest, so revenueGrowthQoQ and shortInterest stay unset here
// (a universe CSV can carry them).

export type FundamentalValue = number | string | null;
export type Fundamentals = Record<string, FundamentalValue>;

/** OVERVIEW field -> our name; numbers unless listed in TEXT_FIELDS. */
const OVERVIEW_FIELDS = {
  Name: 'name',
  Sector: 'sector',
  Industry: 'industry',
  Exchange: 'exchange',
  Currency: 'currency',
  LatestQuarter: 'latestQuarter',
  MarketCapitalization: 'marketCap',
  SharesOutstanding: 'sharesOutstanding',
  SharesFloat: 'sharesFloat',
  PERatio: 'peRatio',
  ForwardPE: 'forwardPe',
  PEGRatio: 'pegRatio',
  PriceToSalesRatioTTM: 'psRatio',
  PriceToBookRatio: 'priceToBook',
  EVToEBITDA: 'evToEbitda',
  ProfitMargin: 'profitMargin',
  OperatingMarginTTM: 'operatingMargin',
  ReturnOnEquityTTM: 'returnOnEquity',
  RevenueTTM: 'revenueTtm',
  GrossProfitTTM: 'grossProfitTtm',
  DilutedEPSTTM: 'epsTtm',
  QuarterlyRevenueGrowthYOY: 'revenueGrowthYoY',
  QuarterlyEarningsGrowthYOY: 'earningsGrowthYoY',
  DividendYield: 'dividendYield',
  Beta: 'beta',
} as const;
const TEXT_FIELDS = new Set<string>(['Name', 'Sector', 'Industry', 'Exchange', 'Currency', 'LatestQuarter']);

/** Every name normalised fundamentals may carry (overview and earnings). */
export const FUNDAMENTAL_FIELDS = [
  ...Object.values(OVERVIEW_FIELDS),
  'grossMargin',
  'epsGrowthQoQ',
  'epsGrowthYoY',
  'lastQuarterEps',
  'lastQuarterEnd',
] as const;

const MISSING = new Set(['', 'None', '-', 'null']);

export function toNumber(value: unknown): number | null {
  if (typeof value !== 'string' || MISSING.has(value.trim())) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** a / b when both are numbers and b is positive; otherwise null (no margin on zero or negative revenue). */
function ratio(a: FundamentalValue | undefined, b: FundamentalValue | undefined): number | null {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;
}

/** OVERVIEW's answer normalised; null for `{}` (Alpha Vantage does not know the symbol). */
export function normaliseOverview(answer: Record<string, unknown>): Fundamentals | null {
  if (typeof answer.Symbol !== 'string') return null;
  const out: Fundamentals = {};
  for (const [field, name] of Object.entries(OVERVIEW_FIELDS)) {
    const raw = answer[field];
    out[name] = TEXT_FIELDS.has(field) ? (typeof raw === 'string' && !MISSING.has(raw) ? raw : null) : toNumber(raw);
  }
  out.grossMargin = ratio(out.grossProfitTtm, out.revenueTtm);
  return out;
}

export interface QuarterlyEps {
  fiscalDateEnding: string;
  reportedEps: number;
}

interface EarningsAnswer {
  symbol?: string;
  quarterlyEarnings?: { fiscalDateEnding?: string; reportedEPS?: string }[];
}

/** Reported quarterly EPS, newest first; quarters announced but not yet reported ("None") are left out. */
export function quarterlyEps(answer: Record<string, unknown>): QuarterlyEps[] | null {
  const earnings = answer as EarningsAnswer;
  if (typeof earnings.symbol !== 'string' || !Array.isArray(earnings.quarterlyEarnings)) return null;
  const out: QuarterlyEps[] = [];
  for (const q of earnings.quarterlyEarnings) {
    const eps = toNumber(q.reportedEPS);
    if (eps === null || typeof q.fiscalDateEnding !== 'string') continue;
    out.push({ fiscalDateEnding: q.fiscalDateEnding, reportedEps: eps });
  }
  return out.sort((a, b) => b.fiscalDateEnding.localeCompare(a.fiscalDateEnding));
}

const DAY_MS = 86_400_000;
const daysBetween = (later: string, earlier: string) => (Date.parse(later) - Date.parse(earlier)) / DAY_MS;
/** How far back (days between fiscal quarter ends) the previous quarter and the year-ago quarter lie. */
const QUARTER: [number, number] = [60, 120];
const YEAR: [number, number] = [330, 400];

/**
 * Growth of a quarter's EPS over a base quarter, on the base's magnitude so a loss shrinking reads as growth:
 * (now - base) / |base|. Null without a base, with a zero base, or when the base is not the quarter expected
 * (a missing report would otherwise compare against the wrong one).
 */
function growth(now: QuarterlyEps, base: QuarterlyEps | undefined, days: [number, number]): number | null {
  if (!base || base.reportedEps === 0) return null;
  const gap = daysBetween(now.fiscalDateEnding, base.fiscalDateEnding);
  if (gap < days[0] || gap > days[1]) return null;
  return (now.reportedEps - base.reportedEps) / Math.abs(base.reportedEps);
}

/** EARNINGS normalised: the last reported quarter's EPS and its growth on the previous quarter and a year before. */
export function normaliseEarnings(answer: Record<string, unknown>): Fundamentals | null {
  const quarters = quarterlyEps(answer);
  if (quarters === null) return null;
  const [latest] = quarters;
  if (!latest) return { epsGrowthQoQ: null, epsGrowthYoY: null, lastQuarterEps: null, lastQuarterEnd: null };
  return {
    epsGrowthQoQ: growth(latest, quarters[1], QUARTER),
    epsGrowthYoY: growth(
      latest,
      quarters.find((q) => daysBetween(latest.fiscalDateEnding, q.fiscalDateEnding) >= 330),
      YEAR,
    ),
    lastQuarterEps: latest.reportedEps,
    lastQuarterEnd: latest.fiscalDateEnding,
  };
}
