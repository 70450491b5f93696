import type { AppContext } from '../../context';
import { createEtherscanClient, type EtherscanClient } from '../../providers/etherscan/etherscan-client';
import { createListingScraper, type ListingScraper } from '../../providers/scrape/listing-scraper';
import { createXRecentSearch, type XRecentSearch } from '../../providers/x/x-recent-search';

/** The collectors a process has: one client each (its rate limiter is shared by every run), null when unset. */
export interface CollectorClients {
  x: XRecentSearch | null;
  etherscan: EtherscanClient | null;
  scrape: ListingScraper | null;
}

const clientsByContext = new WeakMap<AppContext, CollectorClients>();

export function collectorClients(ctx: AppContext): CollectorClients {
  let clients = clientsByContext.get(ctx);
  if (!clients) {
    const p = ctx.config.providers;
    const deps = { cache: ctx.cache, metrics: ctx.metrics };
    clients = {
      x: p.x.bearerToken ? createXRecentSearch(p.x, deps) : null,
      etherscan: p.etherscan.apiKey ? createEtherscanClient(p.etherscan, deps) : null,
      scrape: p.scrape.url ? createListingScraper(p.scrape, deps) : null,
    };
    clientsByContext.set(ctx, clients);
  }
  return clients;
}

/** Why a collector does not run, naming the setting (null: it is configured). */
export function missingSetting(ctx: AppContext, name: 'x' | 'etherscan' | 'prices' | 'scrape'): string | null {
  const p = ctx.config.providers;
  switch (name) {
    case 'x':
      return p.x.bearerToken ? null : 'MARKETLENS_PROVIDERS__X__BEARER_TOKEN is not set; posts come from file imports';
    case 'etherscan':
      return p.etherscan.apiKey
        ? null
        : 'MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY is not set; transfers come from CSV imports';
    case 'scrape':
      return p.scrape.url ? null : 'MARKETLENS_PROVIDERS__SCRAPE__URL is not set';
    case 'prices':
      return null;
  }
}
