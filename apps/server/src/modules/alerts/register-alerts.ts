import type { AppContext } from '../../context';
import { defineNotificationTopic } from '../../notify/notification-topics';
import { TEST_TOPIC, testNotificationTopic } from './test-notification';

/** The alerts module's notification topics (every role registers; see module-jobs.ts). */
export function registerAlerts(ctx: AppContext): void {
  defineNotificationTopic(ctx, TEST_TOPIC, testNotificationTopic);
}
