import type { TokenTransfer } from '@marketlens/quant';
import type { Cache } from '../../cache/cache';
import type { AppConfig } from '../../config/config.schema';
import type { Metrics } from '../../observability/metrics';
import { createHttpFetcher } from '../http/http-fetcher';
import { ProviderError } from '../http/provider.error';
import { realSleep, type Sleep } from '../http/token-bucket';
import type { QuotaState } from '../social/social-post';
import { createEtherscanCaller, type EtherscanCall } from './etherscan-call';
import { fetchTokenInfo, type TokenInfo } from './etherscan-token-info';
import { collectTransfers } from './etherscan-transfer-pages';

export type EtherscanConfig = AppConfig['providers']['etherscan'];
export type { TokenInfo };

export interface EtherscanDeps {
  /** Token info is cached here (it changes only with mints and burns). */
  cache?: Cache;
  metrics?: Metrics;
  /** Injectable for tests: time, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
  /** Chain of every call; default 1 (Ethereum mainnet). */
  chainId?: number;
  /** Rows per page (Etherscan's `offset`) and the page x offset cap; tests make them small. */
  pageSize?: number;
  windowSize?: number;
}

export interface TokenTransfersResult {
  /** In chain order, each (hash, logIndex) once. */
  transfers: TokenTransfer[];
  /** Highest block seen, for the next run's startBlock; null when nothing was found. */
  lastBlock: number | null;
  requests: number;
}

export interface EtherscanClient {
  tokenTransfers(
    contract: string,
    options: { startBlock: number; endBlock?: number; signal?: AbortSignal },
  ): Promise<TokenTransfersResult>;
  tokenInfo(contract: string, signal?: AbortSignal): Promise<TokenInfo>;
  quota(): QuotaState;
}

const CONTRACT = /^0x[0-9a-fA-F]{40}$/;
const TOKEN_INFO_TTL_SECONDS = 600;

/** Etherscan API V2: ERC-20 transfers of one token, and its name, symbol, decimals and supply. */
export function createEtherscanClient(config: EtherscanConfig, deps: EtherscanDeps = {}): EtherscanClient {
  const clock = deps.clock ?? Date.now;
  const fetcher = createHttpFetcher({
    provider: 'etherscan',
    requestsPerMinute: config.requestsPerSecond * 60,
    // Evenly spaced: the limit is per second, so a burst at the start of a second is refused.
    burst: 1,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    baseBackoffMs: 1_000,
    // Cached per call below where it makes sense; raw answers may be rate-limit refusals, never worth keeping.
    cacheTtlSeconds: 0,
    metrics: deps.metrics,
    clock: deps.clock,
    sleep: deps.sleep,
    random: deps.random,
  });
  const caller = createEtherscanCaller({
    fetcher,
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    chainId: deps.chainId ?? 1,
    requestsPerSecond: config.requestsPerSecond,
    retries: config.retries,
    clock,
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
  });

  const ready = (contract: string): EtherscanCall => {
    if (!CONTRACT.test(contract)) throw new RangeError(`"${contract}" is not a 0x contract address`);
    if (config.apiKey === '') {
      throw new ProviderError('no API key: set MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY to query Etherscan', {
        provider: 'etherscan',
        url: config.baseUrl,
        attempts: 0,
      });
    }
    return caller.call;
  };

  async function tokenTransfers(
    contract: string,
    options: { startBlock: number; endBlock?: number; signal?: AbortSignal },
  ): Promise<TokenTransfersResult> {
    const call = ready(contract);
    const before = caller.requests();
    const transfers = await collectTransfers(call, contract.toLowerCase(), {
      startBlock: options.startBlock,
      endBlock: options.endBlock,
      pageSize: deps.pageSize ?? 1000,
      windowSize: deps.windowSize ?? 10_000,
      signal: options.signal,
    });
    const last = transfers.at(-1);
    return { transfers, lastBlock: last ? last.block : null, requests: caller.requests() - before };
  }

  async function tokenInfo(contract: string, signal?: AbortSignal): Promise<TokenInfo> {
    const call = ready(contract);
    const key = `provider:etherscan:tokeninfo:${deps.chainId ?? 1}:${contract.toLowerCase()}`;
    // JSON has no bigint: the supply is cached as its decimal string.
    type Stored = Omit<TokenInfo, 'totalSupply'> & { totalSupply: string | null };
    const hit = await deps.cache?.get<Stored>(key).catch(() => undefined);
    if (hit) return { ...hit, totalSupply: hit.totalSupply === null ? null : BigInt(hit.totalSupply) };
    const info = await fetchTokenInfo(call, contract.toLowerCase(), signal);
    const stored: Stored = { ...info, totalSupply: info.totalSupply?.toString() ?? null };
    await deps.cache?.set(key, stored, TOKEN_INFO_TTL_SECONDS).catch(() => undefined);
    return info;
  }

  return { tokenTransfers, tokenInfo, quota: caller.quota };
}
