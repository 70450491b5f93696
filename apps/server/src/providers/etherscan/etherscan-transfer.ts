import type { TokenTransfer } from '@marketlens/quant';

/** One row of `module=account&action=tokentx`: every value is a string, amounts in base units. */
export interface TokenTxRow {
  blockNumber: string;
  timeStamp: string;
  hash: string;
  from: string;
  to: string;
  contractAddress: string;
  value: string;
  tokenName?: string;
  tokenSymbol?: string;
  tokenDecimal?: string;
  logIndex?: string;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const DIGITS = /^\d+$/;

export class MalformedRowError extends Error {
  override readonly name = 'MalformedRowError';
}

function field(row: Record<string, unknown>, name: keyof TokenTxRow, pattern: RegExp): string {
  const value = row[name];
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new MalformedRowError(`tokentx row has an invalid ${name} (${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * A tokentx row as a transfer: addresses and hash lower-cased (Etherscan writes checksummed mixed case), the
 * value read as a bigint because base-unit amounts pass 2^53. `logIndex` is null when the row has none; the
 * caller numbers such transfers within their transaction.
 */
export function rowToTransfer(raw: unknown): { transfer: TokenTransfer; logIndex: number | null } {
  if (typeof raw !== 'object' || raw === null) throw new MalformedRowError('tokentx row is not an object');
  const row = raw as Record<string, unknown>;
  const logText = row.logIndex;
  const logIndex = typeof logText === 'string' && DIGITS.test(logText) ? Number(logText) : null;
  const transfer: TokenTransfer = {
    token: field(row, 'contractAddress', ADDRESS).toLowerCase(),
    from: field(row, 'from', ADDRESS).toLowerCase(),
    to: field(row, 'to', ADDRESS).toLowerCase(),
    value: BigInt(field(row, 'value', DIGITS)),
    txHash: field(row, 'hash', HASH).toLowerCase(),
    logIndex: logIndex ?? -1,
    block: Number(field(row, 'blockNumber', DIGITS)),
    timestamp: Number(field(row, 'timeStamp', DIGITS)),
  };
  return { transfer, logIndex };
}
