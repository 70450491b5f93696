import type { BadgeTone } from '../../../shared/ui/badge';

/** What each readiness check is, in words. */
export const DEPENDENCY_LABELS: Record<string, string> = {
  database: 'Database',
  cache: 'Cache',
  queue: 'Job queue',
};

export const RUN_STATUS_TONES: Record<'queued' | 'running' | 'succeeded' | 'failed', BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
};

/** "in 4 min", "in 2 h 5 min", "in 3 days": how far off a scheduled run is, from `now` (ms). */
export function timeUntil(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((Date.parse(iso) - now) / 60_000));
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `in ${hours} h` : `in ${hours} h ${minutes % 60} min`;
  return `in ${Math.round(hours / 24)} days`;
}

/** A datetime-local value (the browser's zone) as an ISO instant for the API; '' stays '' (no filter). */
export function localInputToIso(value: string): string {
  if (value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
