import type { PostgresServer } from './postgres-server';
import type { RedisServer } from './redis-server';

/** What every scenario gets: the suite's own PostgreSQL and Redis, and its time scale. */
export interface SuiteContext {
  postgres: PostgresServer;
  redis: RedisServer;
  /** Multiplies the scenarios' durations (1 in CI; the soak reads its own minutes). */
  log(line: string): void;
}

/** Settings every platform process of the suite runs with: no throttling of the suite's own traffic. */
export const SUITE_ENV: Record<string, string> = {
  MARKETLENS_HTTP__RATE_LIMIT_PER_MINUTE: '1000000',
};
