import { expect } from 'vitest';
import type { AppContext } from '../../context';
import { JobRunsStore, type JobRun } from '../../jobs/job-runs.store';

// Test-only helpers of the Meme Radar suites.

/** Waits for a queued job run to finish (in-process jobs run in the background) and returns it. */
export async function waitForJobRun(ctx: AppContext, id: string, timeoutMs = 60_000): Promise<JobRun> {
  const store = new JobRunsStore(ctx.db.orm);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await store.findById(id);
    if (run && (run.status === 'succeeded' || run.status === 'failed')) return run;
    expect(Date.now(), `job run ${id} did not finish within ${timeoutMs} ms`).toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const TOKEN_A = '0x00000000000000000000000000000000000000aa';
const WALLET = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const HASH = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

/**
 * An ethereum-etl token_transfers CSV for TOKEN_A from its creation: a mint of 1,000,000 to the deployer, who
 * hands 900,000 to one wallet (a whale holding 90%), then small transfers; one bad row (value not a number,
 * line 5) and one row of another token.
 */
export function handTransfersCsv(): string {
  const rows = [
    'token_address,from_address,to_address,value,transaction_hash,log_index,block_number',
    `${TOKEN_A},${WALLET(0)},${WALLET(1)},1000000,${HASH(1)},0,100`,
    `${TOKEN_A},${WALLET(1)},${WALLET(2)},900000,${HASH(2)},0,101`,
    `${TOKEN_A},${WALLET(1)},${WALLET(3)},1000,${HASH(3)},0,102`,
    `${TOKEN_A},${WALLET(1)},${WALLET(4)},not-a-number,${HASH(4)},0,103`,
    `0x00000000000000000000000000000000000000bb,${WALLET(1)},${WALLET(5)},5,${HASH(5)},0,103`,
    `${TOKEN_A},${WALLET(1)},${WALLET(6)},2000,${HASH(6)},1,104`,
  ];
  return `${rows.join('\n')}\n`;
}
