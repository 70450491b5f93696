import { demoTokenPosts, generateDemoToken } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { loadSyntheticDailySeries } from '../instruments/demo-data.service';
import { storeAssessment } from './assess.service';
import { insertPosts } from './posts.store';
import { scorePost } from './post-sentiment';
import { computeRisk } from './risk-computation';
import { findToken, insertToken } from './tokens.store';
import { insertTransfers } from './transfers.store';

/** Fixed launch time: the demo is identical on every install (same seed, same data), like the other demo data. */
const DEMO_TOKEN_START = Date.UTC(2025, 10, 3);
const HOUR_MS = 3_600_000;
/**
 * Hours after launch at which the demo's history was "assessed": before the planted fresh-wallet cluster
 * (hour 20), after it, at the sentiment spike (29), during and after the pump (30-34.5), after the wash ring
 * (36) and at the end, so the timeline shows the score climbing and each step's "what changed".
 */
const ASSESSED_HOURS = [6, 21, 30, 33, 36, 40, 48];

export interface DemoTokenResult {
  address: string;
  symbol: string;
  created: boolean;
  transfers: number;
  posts: number;
  bars: number;
  assessments: number;
}

/**
 * Seeds the synthetic demo token (labelled synthetic everywhere): its 5-minute price bars as instrument SYN-MEME,
 * every transfer since its launch mint, posts with text scored by the sentiment model, and assessments at
 * ASSESSED_HOURS computed from the data up to each hour. Idempotent: a token already there is left alone.
 */
export async function loadDemoToken(ctx: AppContext): Promise<DemoTokenResult> {
  const demo = generateDemoToken({ seed: ctx.config.demo.seed, startMs: DEMO_TOKEN_START });
  const result: DemoTokenResult = {
    address: demo.token,
    symbol: demo.symbol,
    created: false,
    transfers: 0,
    posts: 0,
    bars: 0,
    assessments: 0,
  };
  if (await findToken(ctx.db.orm, demo.token)) return result;

  result.bars = await loadSyntheticDailySeries(
    ctx,
    [{ symbol: demo.symbol, name: demo.name, kind: 'token', bars: demo.bars }],
    '5m',
  );
  await insertToken(ctx.db.orm, {
    address: demo.token,
    symbol: demo.symbol,
    name: demo.name,
    decimals: demo.decimals,
    totalSupply: demo.totalSupply.toString(),
    fromCreation: true,
    instrumentSymbol: demo.symbol,
    synthetic: true,
  });
  result.created = true;
  result.transfers = await insertTransfers(ctx.db.orm, demo.token, demo.transfers);
  const posts = demoTokenPosts(demo.sentiment, demo.symbol, ctx.config.demo.seed).map((p) => ({
    ...p,
    ...scorePost(p.text),
  }));
  result.posts = await insertPosts(
    ctx.db.orm,
    posts.map((p) => ({
      token: demo.token,
      source: 'synthetic',
      id: p.id,
      author: p.author,
      text: p.text,
      postedAt: new Date(p.postedAt),
      url: null,
      synthetic: true,
      label: p.label,
      score: p.score,
    })),
  );
  const token = (await findToken(ctx.db.orm, demo.token))!;
  for (const hour of ASSESSED_HOURS) {
    const until = DEMO_TOKEN_START + hour * HOUR_MS;
    const computed = computeRisk({
      address: demo.token,
      fromCreation: true,
      totalSupply: demo.totalSupply,
      transfers: demo.transfers.filter((t) => (t.timestamp ?? 0) * 1000 < until),
      bars: demo.bars,
      posts: posts.map((p) => ({ id: p.id, postedAt: p.postedAt, score: p.score })),
      until,
    });
    await storeAssessment(ctx, token, computed, 'demo', new Date(until));
    result.assessments++;
  }
  ctx.log.info(result, 'memecoins: seeded the synthetic demo token');
  return result;
}
