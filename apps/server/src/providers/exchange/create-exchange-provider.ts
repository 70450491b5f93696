import type { AppConfig } from '../../config/config.schema';
import type { Metrics } from '../../observability/metrics';
import type { Sleep } from '../http/token-bucket';
import { createCcxtClient, type OhlcvClient } from './ccxt-client';
import { ExchangeProvider } from './exchange-provider';

export interface ExchangeProviderDeps {
  metrics?: Metrics;
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

/**
 * The provider of one exchange from config `providers.exchange`: the base URL override applies to the default
 * exchange (`id`) only, options are looked up by exchange id. ccxt is loaded on the first request.
 */
export function createExchangeProvider(
  config: AppConfig['providers']['exchange'],
  exchangeId: string = config.id,
  deps: ExchangeProviderDeps = {},
): ExchangeProvider {
  let client: Promise<OhlcvClient> | undefined;
  const lazyClient = () => {
    client ??= createCcxtClient({
      id: exchangeId,
      baseUrl: exchangeId === config.id ? config.baseUrl : '',
      timeoutMs: config.timeoutMs,
      rateLimitMs: config.rateLimitMs,
      options: config.options[exchangeId] ?? {},
    });
    // A failed creation (unknown id) is reported on every call rather than cached as a rejected promise forever.
    client.catch(() => (client = undefined));
    return client;
  };
  return new ExchangeProvider(lazyClient, exchangeId, {
    pageLimit: config.pageLimit,
    retries: config.retries,
    ...deps,
  });
}

/** One provider per exchange id, created on first use and kept (each holds its loaded markets and limiter). */
export function exchangeProviders(
  config: AppConfig['providers']['exchange'],
  deps: ExchangeProviderDeps = {},
): (exchangeId: string) => ExchangeProvider {
  const providers = new Map<string, ExchangeProvider>();
  return (exchangeId) => {
    let provider = providers.get(exchangeId);
    if (!provider) {
      provider = createExchangeProvider(config, exchangeId, deps);
      providers.set(exchangeId, provider);
    }
    return provider;
  };
}
