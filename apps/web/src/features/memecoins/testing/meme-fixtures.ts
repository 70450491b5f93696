import type { Assessment, MemePost, MemeToken } from '@marketlens/contracts';

export const ADDRESS = `0x${'5e'.repeat(20)}`;
export const TX_A = `0x${'a1'.repeat(32)}`;
export const TX_B = `0x${'b2'.repeat(32)}`;
export const WALLET = `0x${'c3'.repeat(20)}`;
export const ASSESSMENT_ID = '10000000-0000-4000-8000-000000000002';
export const PREVIOUS_ID = '10000000-0000-4000-8000-000000000001';
const AT = '2026-01-02T12:00:00.000Z';

export function memeToken(change: Partial<MemeToken> = {}): MemeToken {
  return {
    address: ADDRESS,
    chain: 'ethereum',
    symbol: 'SYN-MEME',
    name: 'Synthetic Meme Token (demo data)',
    decimals: 18,
    totalSupply: null,
    synthetic: true,
    trusted: null,
    instrumentSymbol: 'SYN-MEME',
    searchQuery: null,
    fromCreation: false,
    riskScore: 72,
    previousScore: 35,
    trend: 'up',
    lastAssessedAt: AT,
    alarms: { danger: 2, warn: 1 },
    transferCount: 1234,
    postCount: 96,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...change,
  };
}

export function assessment(change: Partial<Assessment> = {}): Assessment {
  return {
    id: ASSESSMENT_ID,
    assessedAt: AT,
    riskScore: 72,
    trigger: 'demo',
    token: ADDRESS,
    trusted: null,
    flags: [
      {
        code: 'WASH_CYCLE',
        level: 'danger',
        weight: 0.2,
        message: '4 wash cycles through 3 wallets',
        evidence: { transactions: [TX_A, TX_B], blocks: [100, 101], bars: [], posts: [], addresses: [WALLET] },
      },
      {
        code: 'SENTIMENT_SPIKE',
        level: 'warn',
        weight: 0.05,
        message: 'Posts per hour 6x the baseline',
        evidence: {
          transactions: [],
          blocks: [],
          bars: [Date.parse('2026-01-02T05:00:00Z')],
          posts: ['p-7'],
          addresses: [],
        },
      },
    ],
    metrics: {
      transfers: 1234,
      firstBlock: 1,
      lastBlock: 500,
      history: 'partial',
      supply: null,
      minted: '0',
      burned: '0',
      burns: 0,
      holders: null,
      topShare: null,
      hhi: null,
      receivers: 300,
      peakNewHolders: 40,
      posts: 96,
      bars: 576,
    },
    diff: {
      previousId: PREVIOUS_ID,
      previousScore: 35,
      scoreChange: 37,
      changes: [
        { code: 'WASH_CYCLE', change: 'new', from: null, to: 'danger', message: '4 wash cycles through 3 wallets' },
        { code: 'TRANSFER_BURST', change: 'cleared', from: 'warn', to: null, message: 'Transfer burst' },
      ],
      summary: 'Score 35 -> 72: new WASH_CYCLE (danger), TRANSFER_BURST cleared.',
    },
    ...change,
  };
}

export function post(change: Partial<MemePost> = {}): MemePost {
  return {
    source: 'synthetic',
    id: 'p-1',
    author: 'degen42',
    text: 'to the moon 🚀',
    postedAt: AT,
    url: null,
    synthetic: true,
    label: 'positive',
    score: 0.81,
    ...change,
  };
}
