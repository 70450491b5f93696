import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../../features/auth/api/auth.api';
import { ModeBadge } from '../../features/system/components/mode-badge';
import { useSession } from '../../shared/api/use-session';
import { Badge } from '../../shared/ui/badge';
import { Button } from '../../shared/ui/button';
import { Loading } from '../../shared/ui/states';
import { SideNav } from './side-nav';

/** The signed-in shell: nav on the left, header with who is signed in, the page in the middle. */
export function AppLayout() {
  const state = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  if (state.status === 'restoring') return <Loading label="Restoring your session…" />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  const signOut = async () => {
    await logout();
    // Another user may sign in next in this tab: drop everything cached for this one.
    queryClient.clear();
    await navigate('/login', { replace: true });
  };

  return (
    <div className="flex min-h-screen">
      <aside className="w-52 shrink-0 bg-slate-900">
        <div className="sticky top-0 px-3 py-4">
          <div className="mb-6 flex items-center gap-2 px-2 text-white">
            <span className="grid size-7 place-items-center rounded bg-emerald-400/15 font-bold text-emerald-300">
              ◆
            </span>
            <span className="font-semibold tracking-tight">MarketLens</span>
          </div>
          <SideNav role={state.user.role} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 items-center justify-end gap-3 border-b border-slate-200 bg-white px-6">
          <ModeBadge />
          <span className="text-sm text-slate-700" data-testid="current-user">
            {state.user.email}
          </span>
          <Badge>{state.user.role}</Badge>
          <Button variant="secondary" size="sm" data-testid="logout" onClick={() => void signOut()}>
            Log out
          </Button>
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-6 py-6">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
