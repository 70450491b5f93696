import type { AppContext } from '../context';

// What the dispatcher knows of each kind of event it routes: who wants it (subscription keys) and how it
// reads. Modules define their topics when they register (signals: `signal`, alerts: `alert`), so the platform
// folder never imports a module.

/** A subscription source an event belongs to: a strategy's signals, every signal on a symbol, an alert rule. */
export interface AudienceKey {
  source: 'strategy' | 'symbol' | 'alert_rule';
  ref: string;
}

export interface RenderedEvent {
  title: string;
  lines: string[];
  /** Path in the web app (e.g. /signals), made absolute with the configured public URL. */
  path?: string;
}

export interface TopicDefinition {
  /** The subscription keys of one event of this topic (its outbox payload). */
  audience(payload: Record<string, unknown>): AudienceKey[];
  render(payload: Record<string, unknown>): RenderedEvent;
  /** The least role that may read such events in the app: subscribers below it are never sent them. */
  readRole: 'viewer' | 'analyst' | 'admin';
}

const topicsByContext = new WeakMap<AppContext, Map<string, TopicDefinition>>();

export function notificationTopics(ctx: AppContext): Map<string, TopicDefinition> {
  let topics = topicsByContext.get(ctx);
  if (!topics) topicsByContext.set(ctx, (topics = new Map()));
  return topics;
}

export function defineNotificationTopic(ctx: AppContext, topic: string, definition: TopicDefinition): void {
  notificationTopics(ctx).set(topic, definition);
}
