import * as cheerio from 'cheerio';
import { SCRAPE_ERROR_CODES, ScrapeError } from './scrape.error';

export interface Listing {
  symbol: string;
  name: string | null;
  /** Lower-case 0x contract address. */
  address: string | null;
  /** Absolute URL of the listing's own page. */
  url: string | null;
}

export interface ListingSelectors {
  rowSelector: string;
  symbolSelector: string;
  /** Empty: the page does not show it. */
  nameSelector: string;
  addressSelector: string;
  linkSelector: string;
}

/** What is read from a matched element (a cheerio selection), without naming domhandler's node types. */
interface Found {
  length: number;
  text(): string;
  attr(name: string): string | undefined;
}

const ADDRESS = /0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/;
const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();

function addressIn(element: Found): string | null {
  const found = ADDRESS.exec(element.attr('href') ?? '') ?? ADDRESS.exec(element.text());
  return found ? found[0].toLowerCase() : null;
}

function absolute(href: string | undefined, pageUrl: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, pageUrl).toString();
  } catch {
    return null;
  }
}

/**
 * The listings of a page by its configured selectors. When the selectors stop finding what they used to (the
 * site changed its layout), this throws LAYOUT_CHANGED naming the selector instead of returning nothing: an
 * empty result would look like a quiet day and hide that the scraper is blind.
 */
export function extractListings(html: string, selectors: ListingSelectors, pageUrl: string): Listing[] {
  const $ = cheerio.load(html);
  const select = <T>(key: keyof ListingSelectors, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw new RangeError(
        `providers.scrape.${key}: "${selectors[key]}" is not a CSS selector (${(error as Error).message})`,
      );
    }
  };
  const layoutChanged = (message: string) =>
    new ScrapeError(SCRAPE_ERROR_CODES.layoutChanged, `page layout changed? ${message}`, { url: pageUrl });

  const rows = select('rowSelector', () => $(selectors.rowSelector));
  if (rows.length === 0) throw layoutChanged(`rowSelector "${selectors.rowSelector}" matched nothing on ${pageUrl}`);
  const found = { nameSelector: 0, addressSelector: 0, linkSelector: 0 };
  const listings: Listing[] = [];
  rows.each((_, element) => {
    const row = $(element);
    const pick = (key: keyof typeof found): Found | null => {
      if (selectors[key] === '') return null;
      const match = select(key, () => row.find(selectors[key]).first());
      if (match.length > 0) found[key]++;
      return match;
    };
    const symbol = clean(select('symbolSelector', () => row.find(selectors.symbolSelector).first()).text()).replace(
      /^\$/,
      '',
    );
    if (symbol === '') return;
    const name = pick('nameSelector');
    const address = pick('addressSelector');
    const link = pick('linkSelector');
    listings.push({
      symbol,
      name: name && clean(name.text()) !== '' ? clean(name.text()) : null,
      address: address ? addressIn(address) : null,
      url: link ? absolute(link.attr('href'), pageUrl) : null,
    });
  });
  if (listings.length === 0) {
    throw layoutChanged(
      `symbolSelector "${selectors.symbolSelector}" found no symbol in any of the ${rows.length} rows matched by "${selectors.rowSelector}"`,
    );
  }
  // An optional selector that matches in no row at all has most likely lost its element in a redesign.
  for (const key of ['nameSelector', 'addressSelector', 'linkSelector'] as const) {
    if (selectors[key] !== '' && found[key] === 0) {
      throw layoutChanged(`${key} "${selectors[key]}" matched nothing in any of the ${listings.length} listings`);
    }
  }
  return listings;
}
