import { ProviderError } from '../http/provider.error';

export const SCRAPE_ERROR_CODES = {
  /** robots.txt forbids the page to our user agent (or could not be read, which RFC 9309 treats the same). */
  robotsDisallowed: 'ROBOTS_DISALLOWED',
  /** The configured selectors no longer find listings: the site changed its page, the selectors need updating. */
  layoutChanged: 'LAYOUT_CHANGED',
} as const;
export type ScrapeErrorCode = (typeof SCRAPE_ERROR_CODES)[keyof typeof SCRAPE_ERROR_CODES];

/** A scrape refused before or after the request, with a code the job and the UI can branch on. */
export class ScrapeError extends ProviderError {
  constructor(
    readonly code: ScrapeErrorCode,
    message: string,
    fields: { url: string; status?: number; attempts?: number },
    options?: ErrorOptions,
  ) {
    super(message, { provider: 'scrape', attempts: 0, ...fields }, options);
  }
}
