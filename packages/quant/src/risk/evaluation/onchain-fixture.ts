// Test helper: the real ERC-20 transfers of Ethereum blocks 12,600,000-12,600,050 (ethereum-etl layout, 8,817
// rows) from ../shared/data/onchain, the repo root's sibling, never copied into the repo; read like
// forecast/btc-daily-fixture.ts through Vite's `?raw` import. `realTransfers` is null when the file is absent
// and the tests that need it skip with a message.
import { REFERENCE_DIR } from '../../hmm/reference-fixtures';
import type { TokenTransfer } from '../token-transfer';

export const ONCHAIN_PATH = `${REFERENCE_DIR}../data/onchain/erc20_token_transfers_blocks_12600000-12600050.csv`;

async function readRaw(path: string): Promise<string | null> {
  try {
    const module = (await import(/* @vite-ignore */ `${path}?raw`)) as { default: string };
    return module.default;
  } catch {
    return null;
  }
}

/** token_address,from_address,to_address,value,transaction_hash,log_index,block_number (every row is clean). */
export function parseEtlTransfers(text: string): TokenTransfer[] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [token, from, to, value, txHash, logIndex, block] = line.trim().split(',');
      return {
        token: token!,
        from: from!,
        to: to!,
        value: BigInt(value!),
        txHash: txHash!,
        logIndex: Number(logIndex),
        block: Number(block),
      };
    });
}

const text = await readRaw(ONCHAIN_PATH);
export const realTransfers: TokenTransfer[] | null = text === null ? null : parseEtlTransfers(text);
export const ONCHAIN_MISSING_MESSAGE = `skipped: the real ERC-20 transfer file is absent (${ONCHAIN_PATH})`;
