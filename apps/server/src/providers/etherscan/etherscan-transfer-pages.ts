import type { TokenTransfer } from '@marketlens/quant';
import { ProviderError } from '../http/provider.error';
import type { EtherscanCall } from './etherscan-call';
import { MalformedRowError, rowToTransfer } from './etherscan-transfer';

export interface TransferPagesOptions {
  startBlock: number;
  endBlock?: number;
  pageSize: number;
  /** Etherscan refuses page x offset above this (10,000). */
  windowSize: number;
  signal?: AbortSignal;
}

/** Etherscan's "up to the latest block". */
const LATEST = 99_999_999;

/**
 * Every transfer of a token in a block range. Etherscan serves at most `windowSize` rows of one query, so
 * after a full window the query restarts at the last block seen (not after it: that block may hold more rows
 * than the window returned) and the repeats are dropped on (hash, logIndex). A block with more transfers than
 * a whole window cannot be paged past this way, and is an error rather than an endless loop.
 */
export async function collectTransfers(
  call: EtherscanCall,
  contract: string,
  options: TransferPagesOptions,
): Promise<TokenTransfer[]> {
  const transfers: TokenTransfer[] = [];
  const seen = new Set<string>();
  // Rows without a logIndex are numbered within their transaction in arrival order. A restarted window
  // re-sends its first block from the start, so that block's numbering restarts with it.
  const perTx = new Map<string, { block: number; next: number }>();
  let start = options.startBlock;
  let page = 1;
  for (;;) {
    const answer = await call(
      {
        module: 'account',
        action: 'tokentx',
        contractaddress: contract,
        startblock: String(start),
        endblock: String(options.endBlock ?? LATEST),
        page: String(page),
        offset: String(options.pageSize),
        sort: 'asc',
      },
      options.signal,
    );
    const rows = answer.kind === 'ok' && Array.isArray(answer.result) ? (answer.result as unknown[]) : [];
    let lastBlock = start;
    for (const raw of rows) {
      const transfer = readRow(raw, perTx);
      lastBlock = transfer.block;
      const key = `${transfer.txHash}:${transfer.logIndex}`;
      if (seen.has(key)) continue;
      seen.add(key);
      transfers.push(transfer);
    }
    if (rows.length < options.pageSize) return transfers;
    if ((page + 1) * options.pageSize <= options.windowSize) {
      page++;
      continue;
    }
    if (lastBlock === start) {
      throw new ProviderError(
        `block ${start} holds more than ${options.windowSize} transfers of ${contract}: Etherscan cannot page past it`,
        { provider: 'etherscan', url: 'tokentx', attempts: 1 },
      );
    }
    for (const [hash, numbering] of perTx) if (numbering.block === lastBlock) perTx.delete(hash);
    start = lastBlock;
    page = 1;
  }
}

function readRow(raw: unknown, perTx: Map<string, { block: number; next: number }>): TokenTransfer {
  let read;
  try {
    read = rowToTransfer(raw);
  } catch (error) {
    if (error instanceof MalformedRowError) {
      throw new ProviderError(error.message, { provider: 'etherscan', url: 'tokentx', attempts: 1 }, { cause: error });
    }
    throw error;
  }
  const { transfer, logIndex } = read;
  if (logIndex !== null) return transfer;
  const numbering = perTx.get(transfer.txHash) ?? { block: transfer.block, next: 0 };
  perTx.set(transfer.txHash, numbering);
  return { ...transfer, logIndex: numbering.next++ };
}
