import type { RenderedEvent, TopicDefinition } from '../../notify/notification-topics';

// How an alert event reads in a notification, and who gets it: the subscribers of its rule.

const shown = (v: unknown): string =>
  typeof v === 'number' ? Number(v.toPrecision(6)).toString() : typeof v === 'string' ? v : JSON.stringify(v);

export function renderAlert(raw: Record<string, unknown>): RenderedEvent {
  const values = (raw.values ?? {}) as Record<string, unknown>;
  const lines = Object.entries(values)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k} = ${shown(v)}`);
  return {
    title: `${shown(raw.rule ?? 'alert')}: ${shown(raw.message ?? '')}`,
    lines: lines.length > 0 ? [lines.join(', ')] : [],
    path: '/alerts',
  };
}

export const alertTopic: TopicDefinition = {
  audience: (raw) => (typeof raw.ruleId === 'string' ? [{ source: 'alert_rule', ref: raw.ruleId }] : []),
  render: renderAlert,
  readRole: 'viewer',
};
