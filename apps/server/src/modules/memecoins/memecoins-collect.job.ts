import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { collectorClients, missingSetting } from './collector-clients';
import { recordCollectorRun, type CollectorOutcome } from './collectors.service';
import { MEMECOINS_ASSESS_JOB, MEMECOINS_COLLECT_JOB, type AssessPayload, type CollectPayload } from './memecoins-jobs';
import { insertPosts } from './posts.store';
import { scoredPostRows } from './post-sentiment';
import { listTokens, updateToken, type TokenRow } from './tokens.store';
import { insertTransfers } from './transfers.store';

export interface CollectResult {
  tokens: { symbol: string; collectors: Record<string, string> }[];
  /** Listings found by the scraper (symbols), when it ran. */
  listings: { symbol: string; address: string | null }[];
  assessJobs: string[];
}

const skipped = (reason: string): CollectorOutcome => ({ status: 'skipped', items: 0, quota: null, reason });

/** ERC-20 transfers since the token's cursor; fills the supply and name from token info the first time. */
async function collectTransfers(ctx: AppContext, token: TokenRow, signal: AbortSignal): Promise<CollectorOutcome> {
  const client = collectorClients(ctx).etherscan;
  if (!client) return skipped(missingSetting(ctx, 'etherscan')!);
  const result = await client.tokenTransfers(token.address, { startBlock: token.nextBlock ?? 0, signal });
  const inserted = await insertTransfers(ctx.db.orm, token.address, result.transfers);
  const patch: Partial<TokenRow> = {};
  if (result.lastBlock !== null) patch.nextBlock = result.lastBlock; // re-read the last block: it may have grown
  if (token.totalSupply === null) {
    const info = await client.tokenInfo(token.address, signal);
    if (info.totalSupply !== null) patch.totalSupply = info.totalSupply.toString();
    if (token.name === null && info.name) patch.name = info.name;
  }
  if (Object.keys(patch).length > 0) await updateToken(ctx.db.orm, token.address, patch);
  return { status: 'ok', items: inserted, quota: client.quota() };
}

/** Posts found by X recent search since the last run's newest id, each scored on arrival. */
async function collectPosts(ctx: AppContext, token: TokenRow, signal: AbortSignal): Promise<CollectorOutcome> {
  const client = collectorClients(ctx).x;
  if (!client) return skipped(missingSetting(ctx, 'x')!);
  const query = token.searchQuery ?? `$${token.symbol}`;
  const result = await client.search(query, { sinceId: token.xSinceId, signal });
  const inserted = await insertPosts(ctx.db.orm, scoredPostRows(token.address, result.posts));
  if (result.newestId !== token.xSinceId) await updateToken(ctx.db.orm, token.address, { xSinceId: result.newestId });
  return { status: 'ok', items: inserted, quota: result.quota };
}

/**
 * Prices come through the existing ingestion jobs: the exchange adapter (ingest.intraday) when the token's
 * instrument is an intraday feed, Yahoo (ingest.prices) when it is a daily symbol, else nothing to do.
 */
async function queuePrices(ctx: AppContext, token: TokenRow): Promise<CollectorOutcome> {
  const symbol = token.instrumentSymbol;
  if (!symbol) return skipped(`${token.symbol} names no price instrument`);
  const intraday = ctx.config.ingest.intradaySymbols.some((s) => s.symbol.toUpperCase() === symbol);
  const daily = ctx.config.ingest.symbols.some((s) => s.symbol.toUpperCase() === symbol);
  const job = intraday ? 'ingest.intraday' : daily ? 'ingest.prices' : null;
  if (!job || !ctx.jobs.has(job)) {
    return skipped(`${symbol} is not in ingest.intradaySymbols or ingest.symbols: import its bars or add it there`);
  }
  await ctx.jobs.enqueue(job, { symbols: [symbol] });
  return { status: 'ok', items: 1, quota: null };
}

/**
 * `memecoins.collect` (scheduled; "Collect now" on the page): for each watched token that is not synthetic,
 * transfers from Etherscan, posts from X and its prices, each recorded as a collector run (errors in words,
 * quota left); then the listing scraper once; then an assessment is queued per token. A collector that is
 * not configured is skipped with the setting it needs; one that fails does not stop the others.
 */
export function memecoinsCollectJob(ctx: AppContext): JobDefinition<CollectPayload, CollectResult> {
  return {
    name: MEMECOINS_COLLECT_JOB,
    handler: async (payload, job) => {
      const all = await listTokens(ctx.db.orm);
      const targets = payload?.address
        ? all.filter((t) => t.address === payload.address)
        : all.filter((t) => !t.synthetic);
      if (payload?.address && targets.length === 0) throw new Error(`memecoins.collect: no token ${payload.address}`);
      const result: CollectResult = { tokens: [], listings: [], assessJobs: [] };
      for (const token of targets) {
        job.signal.throwIfAborted();
        const collectors: Record<string, string> = {};
        const steps = [
          ['etherscan', () => collectTransfers(ctx, token, job.signal)],
          ['x', () => collectPosts(ctx, token, job.signal)],
          ['prices', () => queuePrices(ctx, token)],
        ] as const;
        for (const [name, step] of steps) {
          const outcome = await recordCollectorRun(ctx, name, token.address, step);
          collectors[name] =
            outcome.status === 'error' ? `error: ${outcome.error}` : `${outcome.status} (${outcome.items})`;
        }
        result.tokens.push({ symbol: token.symbol, collectors });
        const assess: AssessPayload = { address: token.address, trigger: 'collect' };
        result.assessJobs.push((await ctx.jobs.enqueue(MEMECOINS_ASSESS_JOB, assess)).id);
        job.log('token collected', { token: token.symbol, ...collectors });
      }
      const scraper = collectorClients(ctx).scrape;
      if (scraper && !payload?.address) {
        await recordCollectorRun(ctx, 'scrape', null, async () => {
          const scraped = await scraper.scrape(job.signal);
          result.listings = scraped.listings.map((l) => ({ symbol: l.symbol, address: l.address }));
          return { status: 'ok', items: scraped.listings.length, quota: scraped.quota };
        });
      }
      return result;
    },
  };
}
