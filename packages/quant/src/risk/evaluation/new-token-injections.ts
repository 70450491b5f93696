import { DEAD_ADDRESS, ZERO_ADDRESS, type TokenTransfer } from '../token-transfer';
import type { Injector } from './injector';

const SUPPLY = 10n ** 27n; // 1e9 tokens of 18 decimals

/** Splits `total` into parts proportional to `weights` (the last part takes the rounding remainder). */
function split(total: bigint, weights: readonly number[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => (total * BigInt(Math.round((w / sum) * 1e9))) / 1_000_000_000n);
  parts[parts.length - 1] = total - parts.slice(0, -1).reduce((a, b) => a + b, 0n);
  return parts;
}

/** A token launched inside the window: mint to a deployer, who hands `shares` of the supply out one by one. */
function launch(
  inj: Injector,
  token: string,
  shares: readonly number[],
  keep: number,
): { block: number; planted: TokenTransfer[]; deployer: string } {
  const deployer = inj.address();
  const block = inj.block(0, 45);
  const planted = [inj.send(token, ZERO_ADDRESS, deployer, SUPPLY, block)];
  const parts = split((SUPPLY * BigInt(Math.round((1 - keep) * 1e6))) / 1_000_000n, shares);
  parts.forEach((value, i) => {
    planted.push(inj.send(token, deployer, inj.address(), value, Math.min(block + 1 + (i % 5), inj.toBlock)));
  });
  return { block, planted, deployer };
}

/**
 * Positive: a new token with 20 holders (the deployer keeps 10%) mints log-uniform 0.1%-30% of its supply to a
 * fresh wallet 5-35 blocks after launch. Decoy: the same launch, and the deployer burns 1-10% instead.
 */
export function plantMint(inj: Injector, positive: boolean): void {
  const token = inj.address();
  const shares = Array.from({ length: 20 }, () => Math.exp(inj.rng.normal()));
  const { block, deployer, planted } = launch(inj, token, shares, 0.1);
  const later = Math.min(block + 5 + inj.rng.int(31), inj.toBlock);
  if (positive) {
    const share = 10 ** inj.uniform(-3, Math.log10(0.3));
    const value = (SUPPLY * BigInt(Math.round(share * 1e9))) / 1_000_000_000n;
    const mint = inj.send(token, ZERO_ADDRESS, inj.address(), value, later);
    inj.record(
      { code: 'MINT_EVENT', kind: 'positive', variant: `mint of ${(share * 100).toFixed(2)}%`, token, newToken: true },
      [mint],
    );
  } else {
    const share = inj.uniform(0.01, 0.1);
    const value = (SUPPLY * BigInt(Math.round(share * 1e9))) / 1_000_000_000n;
    const burn = inj.send(token, deployer, DEAD_ADDRESS, value, later);
    inj.record(
      { code: 'MINT_EVENT', kind: 'decoy', variant: `burn of ${(share * 100).toFixed(1)}%`, token, newToken: true },
      [burn, ...planted],
    );
  }
}

/**
 * Positive: a new token where 3-8 wallets together receive 60-95% of the supply and 40-100 small holders share
 * the rest. Decoy: 100-300 holders with similar balances (log-normal, sd 0.3).
 */
export function plantConcentration(inj: Injector, positive: boolean): void {
  const token = inj.address();
  let shares: number[];
  let variant: string;
  if (positive) {
    const whales = 3 + inj.rng.int(6);
    const held = inj.uniform(0.6, 0.95);
    const small = 40 + inj.rng.int(61);
    const whaleWeights = Array.from({ length: whales }, () => inj.uniform(0.5, 1.5));
    const whaleSum = whaleWeights.reduce((a, b) => a + b, 0);
    shares = [
      ...whaleWeights.map((w) => (held * w) / whaleSum),
      ...Array.from({ length: small }, () => (1 - held) / small),
    ];
    variant = `${whales} wallets hold ${(held * 100).toFixed(0)}%`;
  } else {
    const holders = 100 + inj.rng.int(201);
    shares = Array.from({ length: holders }, () => Math.exp(0.3 * inj.rng.normal()));
    variant = `${holders} similar holders`;
  }
  const { planted } = launch(inj, token, shares, 0);
  inj.record(
    { code: 'HOLDER_CONCENTRATION', kind: positive ? 'positive' : 'decoy', variant, token, newToken: true },
    planted,
  );
}
