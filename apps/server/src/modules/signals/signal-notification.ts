import type { AudienceKey, RenderedEvent, TopicDefinition } from '../../notify/notification-topics';

// How a signal reads in a notification, and who gets it: subscribers of its strategy and of its symbol.

const ACTION_WORDS: Record<string, string> = {
  enter_long: 'enter long',
  exit_long: 'exit long',
  enter_short: 'enter short',
  exit_short: 'exit short',
};

interface SignalPayload {
  strategyId?: string;
  strategy?: string;
  version?: number;
  symbol?: string;
  timeframe?: string;
  action?: string;
  barTs?: string;
  price?: number;
  evidence?: {
    rule?: string | null;
    indicators?: Record<string, number | null>;
    filters?: {
      gate?: { model?: string; version?: number; prediction?: number };
      regime?: { allowedProbability?: number };
    };
  };
}

/** Up to 6 significant digits, no exponent for everyday prices. */
function num(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return Number(x.toPrecision(6)).toString();
}

export function renderSignal(raw: Record<string, unknown>): RenderedEvent {
  const p = raw as SignalPayload;
  const action = ACTION_WORDS[p.action ?? ''] ?? p.action ?? 'signal';
  const title = `${p.strategy ?? 'strategy'} v${p.version ?? '?'}: ${action} ${p.symbol ?? '?'} ${p.timeframe ?? ''} at ${num(p.price)}`;
  const lines: string[] = [];
  const ev = p.evidence ?? {};
  if (ev.rule) lines.push(`rule: ${ev.rule}`);
  const values = Object.entries(ev.indicators ?? {}).map(([name, v]) => `${name} = ${num(v)}`);
  if (values.length > 0) lines.push(values.join(', '));
  const gate = ev.filters?.gate;
  if (gate) lines.push(`gate: ${gate.model} v${gate.version} predicted ${num(gate.prediction)}`);
  const regime = ev.filters?.regime;
  if (regime?.allowedProbability !== undefined)
    lines.push(`regime: allowed with p = ${num(regime.allowedProbability)}`);
  if (p.barTs) lines.push(`bar ${p.barTs}`);
  return { title: title.replace(/\s+/g, ' ').trim(), lines, path: '/signals' };
}

export function signalAudience(raw: Record<string, unknown>): AudienceKey[] {
  const p = raw as SignalPayload;
  const keys: AudienceKey[] = [];
  if (p.strategyId) keys.push({ source: 'strategy', ref: p.strategyId });
  if (p.symbol) keys.push({ source: 'symbol', ref: p.symbol.toUpperCase() });
  return keys;
}

/** Viewers read signals in the app, so every role may be sent them. */
export const signalTopic: TopicDefinition = { audience: signalAudience, render: renderSignal, readRole: 'viewer' };
