import type { Signal } from '@marketlens/contracts';
import type { AppContext } from '../../../context';
import { listRecentSignals } from '../../signals/signals.service';
import { listStrategySummaries } from '../../signals/strategies.service';
import type { BotCommand } from './bot-command';
import { bold, esc, formatNumber, formatUtc, lines, parseCount } from './bot-text';

const ACTION_WORDS: Record<Signal['action'], string> = {
  enter_long: 'enter long',
  exit_long: 'exit long',
  enter_short: 'enter short',
  exit_short: 'exit short',
};

/** Strategy names by id, archived ones included (their old signals still name them). */
export async function strategyNames(ctx: AppContext): Promise<Map<string, string>> {
  const strategies = await listStrategySummaries(ctx, { archived: 'include', limit: 500 });
  return new Map(strategies.map((s) => [s.id, s.name]));
}

function signalLine(s: Signal, names: ReadonlyMap<string, string>): string {
  const strategy = `${names.get(s.strategyId) ?? 'strategy'} v${s.version}`;
  return `${esc(formatUtc(s.barTs))} ${bold(s.symbol)} ${esc(
    `${s.timeframe} ${ACTION_WORDS[s.action]} at ${formatNumber(s.price)} (${strategy})`,
  )}`;
}

export const signalsCommand: BotCommand = {
  command: 'signals',
  usage: '[n]',
  description: 'The newest n signals (5 unless you say, at most 20)',
  role: 'viewer',
  async answer(ctx, _chat, args) {
    const n = parseCount(args, { fallback: 5, min: 1, max: 20, what: 'The number of signals' });
    const signals = await listRecentSignals(ctx, { limit: n });
    if (signals.length === 0) return esc('No signals yet: none of the enabled strategies has fired.');
    const names = await strategyNames(ctx);
    return lines(
      bold(signals.length === 1 ? 'The newest signal' : `The newest ${signals.length} signals`),
      ...signals.map((s) => signalLine(s, names)),
    );
  },
};
