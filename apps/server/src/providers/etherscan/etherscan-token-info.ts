import type { EtherscanCall } from './etherscan-call';

export interface TokenInfo {
  name: string | null;
  symbol: string | null;
  decimals: number | null;
  totalSupply: bigint | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const integer = (value: unknown): number | null =>
  typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : null;
const amount = (value: unknown): bigint | null =>
  typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : null;

/**
 * Name, symbol, decimals and supply. `tokeninfo` answers all four but is an API Pro endpoint; a free key gets
 * the supply from `stats/tokensupply` and the rest from the token's first transfer, whose row repeats them.
 */
export async function fetchTokenInfo(call: EtherscanCall, contract: string, signal?: AbortSignal): Promise<TokenInfo> {
  const info = await call({ module: 'token', action: 'tokeninfo', contractaddress: contract }, signal);
  if (info.kind === 'ok') {
    const row = (Array.isArray(info.result) ? info.result[0] : undefined) as Record<string, unknown> | undefined;
    return {
      name: text(row?.tokenName),
      symbol: text(row?.symbol),
      decimals: integer(row?.divisor),
      totalSupply: amount(row?.totalSupply),
    };
  }
  const supply = await call({ module: 'stats', action: 'tokensupply', contractaddress: contract }, signal);
  const first = await call(
    {
      module: 'account',
      action: 'tokentx',
      contractaddress: contract,
      page: '1',
      offset: '1',
      startblock: '0',
      endblock: '99999999',
      sort: 'asc',
    },
    signal,
  );
  const row = (first.kind === 'ok' && Array.isArray(first.result) ? first.result[0] : undefined) as
    Record<string, unknown> | undefined;
  return {
    name: text(row?.tokenName),
    symbol: text(row?.tokenSymbol),
    decimals: integer(row?.tokenDecimal),
    totalSupply: supply.kind === 'ok' ? amount(supply.result) : null,
  };
}
