import type { Role } from '@marketlens/contracts';
import { NavLink } from 'react-router';
import { hasRole } from '../../shared/api/use-session';
import { cx } from '../../shared/ui/cx';
import { NAV_ITEMS } from './nav-items';

export function SideNav({ role }: { role: Role }) {
  const items = NAV_ITEMS.filter((item) => hasRole(role, item.minRole));
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {items.map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          data-testid={item.testId}
          className={({ isActive }) =>
            cx(
              'rounded-md px-3 py-1.5 text-sm font-medium transition-colors',
              isActive ? 'bg-white/10 text-white' : 'text-slate-400 hover:bg-white/5 hover:text-slate-100',
            )
          }
        >
          {item.label}
        </NavLink>
      ))}
    </nav>
  );
}
