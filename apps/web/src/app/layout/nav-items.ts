import type { Role } from '@marketlens/contracts';

export interface NavItem {
  to: string;
  label: string;
  testId: string;
  /** Lowest role that sees the link. */
  minRole: Role;
}

/** Only what exists now; later modules add their entries here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/data', label: 'Data', testId: 'nav-data', minRole: 'viewer' },
  // Viewers open past fits; running and deleting need analyst (the page and the API both check).
  { to: '/regimes', label: 'Regimes', testId: 'nav-regimes', minRole: 'viewer' },
  // Everyone reads forecasts and the registry; training, promoting and archiving need analyst (page and API check).
  { to: '/forecasts', label: 'Forecasts', testId: 'nav-forecasts', minRole: 'viewer' },
  { to: '/models', label: 'Models', testId: 'nav-models', minRole: 'viewer' },
  // Everyone reads strategies, backtests and the live feed; analysts edit and backtest, admins enable live.
  { to: '/signals', label: 'Signals', testId: 'nav-signals', minRole: 'viewer' },
  // Everyone screens and reads the changes; saving a screen needs analyst (the page and the API both check).
  { to: '/screener', label: 'Screener', testId: 'nav-screener', minRole: 'viewer' },
  // Everyone reads the radar; adding tokens, collecting, re-assessing and imports need analyst (page and API check).
  { to: '/memecoins', label: 'Meme Radar', testId: 'nav-memecoins', minRole: 'viewer' },
  // Every user manages their own channels, subscriptions and rules; admins also read every delivery.
  { to: '/alerts', label: 'Alerts', testId: 'nav-alerts', minRole: 'viewer' },
  { to: '/users', label: 'Users', testId: 'nav-users', minRole: 'admin' },
  // Every user manages their own keys; admins see everyone's.
  { to: '/api-keys', label: 'API keys', testId: 'nav-api-keys', minRole: 'viewer' },
  // Dependencies, jobs, flags and the audit log: admins only (every /ops route is admin on the server too).
  { to: '/ops', label: 'Ops', testId: 'nav-ops', minRole: 'admin' },
];
