import { formatInteger } from '../../../shared/format/format';
import type { BadgeTone } from '../../../shared/ui/badge';
import type { CollectorStatus } from '../api/collectors.api';

export const COLLECTOR_LABELS: Readonly<Record<CollectorStatus['name'], string>> = {
  x: 'X (posts)',
  etherscan: 'Etherscan (transfers)',
  prices: 'Prices',
  scrape: 'Listings page (new tokens)',
};

/** The badge of a collector: whether it can run, and how its last run went. */
export function collectorState(c: CollectorStatus): { label: string; tone: BadgeTone } {
  if (!c.configured) return { label: 'not configured', tone: 'neutral' };
  if (c.lastStatus === 'error') return { label: 'failing', tone: 'danger' };
  if (c.lastStatus === 'skipped') return { label: 'skipped', tone: 'warning' };
  if (c.lastStatus === 'ok') return { label: 'ok', tone: 'success' };
  return { label: 'not run yet', tone: 'info' };
}

/** "42 of 100 left" / "no limit known": the provider's window as far as it is known. */
export function quotaWords(quota: CollectorStatus['quota']): string {
  if (!quota || quota.remaining === null) return 'no limit known';
  if (quota.limit === null) return `${formatInteger(quota.remaining)} left`;
  return `${formatInteger(quota.remaining)} of ${formatInteger(quota.limit)} left`;
}
