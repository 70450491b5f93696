import { NavLink, useLocation } from 'react-router';
import { cx } from '../../../shared/ui/cx';

const TABS = [
  { to: '/screener', label: 'Screen', testId: 'screener-tab-screen', end: true },
  { to: '/screener/changes', label: 'Changes', testId: 'screener-tab-changes', end: false },
] as const;

/** Screen | Changes, keeping the universe and screen of the URL across the switch. */
export function ScreenerTabs() {
  const { search } = useLocation();
  return (
    <nav aria-label="Screener views" className="flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <NavLink
          key={tab.to}
          to={{ pathname: tab.to, search }}
          end={tab.end}
          data-testid={tab.testId}
          className={({ isActive }) =>
            cx(
              '-mb-px border-b-2 px-3 py-1.5 text-sm font-medium',
              isActive ? 'border-slate-900 text-slate-900' : 'border-transparent text-slate-500 hover:text-slate-800',
            )
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
