import { describe, expect, it } from 'vitest';
import { assessToken } from './assess-token';
import { scanTransfers } from './scan-transfers';
import type { TokenTransfer } from './token-transfer';
import { MINT, TOKEN, transfers } from './transfer-fixture';

const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
const ring = transfers([
  ['A', 'B', 1000, 1],
  ['B', 'A', 990, 3],
  ['A', 'B', 980, 5],
  ['B', 'A', 975, 7],
  ['A', 'B', 970, 9],
  ['B', 'A', 960, 11],
]);
const asToken = (list: TokenTransfer[], token: string): TokenTransfer[] =>
  list.map((t) => ({ ...t, token, txHash: `${token.slice(0, 6)}-${t.txHash}` }));

describe('assessToken', () => {
  it('turns three wash cycles into a danger flag with the transactions as evidence and scores it', () => {
    const a = assessToken({ token: TOKEN, transfers: ring });
    expect(a.flags.map((f) => [f.code, f.level, f.weight])).toEqual([['WASH_CYCLE', 'danger', 0.5]]);
    expect(a.flags[0]!.evidence.transactions).toEqual(['tx1', 'tx2', 'tx3', 'tx4', 'tx5', 'tx6']);
    expect(a.flags[0]!.evidence.addresses).toEqual(['A', 'B']);
    expect(a.riskScore).toBe(50);
    expect(a.metrics).toMatchObject({ transfers: 6, firstBlock: 1, lastBlock: 11, history: 'partial', holders: null });
  });

  it('assesses an empty token as score 0 with no flags', () => {
    const a = assessToken({ token: TOKEN, transfers: [] });
    expect(a).toMatchObject({ riskScore: 0, flags: [], trusted: null });
    expect(a.metrics).toMatchObject({ transfers: 0, firstBlock: null, supply: null, receivers: 0 });
  });

  it('computes holders and concentration only from the creation, and flags a single holder', () => {
    const launch = transfers([[MINT, 'A', 10n ** 27n, 1]]);
    const partial = assessToken({ token: TOKEN, transfers: launch });
    expect(
      partial.flags.map((f) => [f.code, f.level]),
      'a mint of unknown size, no holders',
    ).toEqual([['MINT_EVENT', 'info']]);
    expect(partial.riskScore).toBe(0);
    const whole = assessToken({ token: TOKEN, transfers: launch, fromCreation: true });
    expect(whole.flags.map((f) => [f.code, f.level])).toEqual([['HOLDER_CONCENTRATION', 'danger']]);
    expect(whole.metrics).toMatchObject({ history: 'complete', holders: 1, topShare: 1, hhi: 1, supply: 10n ** 27n });
    expect(whole.flags[0]!.evidence.transactions, 'the mint that gave A its tokens').toEqual(['tx1']);
  });

  it('turns a trusted token\u2019s transfer flags into info with weight 0', () => {
    const a = assessToken({ token: USDT, transfers: asToken(ring, USDT) });
    expect(a.trusted).toBe('USDT');
    expect(a.riskScore).toBe(0);
    expect(a.flags.map((f) => [f.code, f.level, f.suppressedBy])).toEqual([['WASH_CYCLE', 'info', 'TRUSTED_TOKEN']]);
    const custom = assessToken({ token: TOKEN, transfers: ring }, { trustedTokens: { [TOKEN]: 'MINE' } });
    expect(custom).toMatchObject({ trusted: 'MINE', riskScore: 0 });
  });

  it('takes thresholds from the params override', () => {
    const a = assessToken({ token: TOKEN, transfers: ring }, { params: { wash: { dangerCycles: 4 } } });
    expect(a.flags[0]!.level).toBe('warn');
    expect(a.riskScore).toBe(25);
  });
});

describe('scanTransfers', () => {
  it('assesses every token, riskiest first, then by address', () => {
    const z = '0x' + 'f'.repeat(40);
    const y = '0x' + 'e'.repeat(40);
    const quiet = transfers([['C', 'D', 5, 2]]);
    const list = [...asToken(quiet, z), ...asToken(ring, y), ...asToken(quiet, TOKEN)];
    const result = scanTransfers(list);
    expect(result.map((a) => [a.token, a.riskScore])).toEqual([
      [y, 50],
      [TOKEN, 0],
      [z, 0],
    ]);
    expect(scanTransfers([])).toEqual([]);
  });
});
