import type { RenderedEvent, TopicDefinition } from '../../notify/notification-topics';

// The "send test" notification: addressed to one channel directly (its delivery is written with the event),
// so it has no subscription audience.

export const TEST_TOPIC = 'test';

export interface TestNotificationPayload {
  channelId: string;
  kind: string;
  label: string;
  requestedAt: string;
}

export function renderTestNotification(raw: Record<string, unknown>): RenderedEvent {
  const p = raw as Partial<TestNotificationPayload>;
  const channel = p.label ? `"${p.label}" (${p.kind ?? 'channel'})` : 'this channel';
  return {
    title: 'MarketLens test notification',
    lines: [`This test was sent to your channel ${channel} because you asked for it.`],
    path: '/alerts',
  };
}

/** Every role may send itself a test. */
export const testNotificationTopic: TopicDefinition = {
  audience: () => [],
  render: renderTestNotification,
  readRole: 'viewer',
};
