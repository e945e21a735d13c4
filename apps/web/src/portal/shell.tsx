import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from './router';
import { api, ProblemError, unwrap } from '../api/client';
import { Button } from '../ui/button';
import { RouteFocus } from '../ui/route-focus';
import { Failed, Loading } from '../ui/states';
import { rememberWorkspace, usePortalMe } from './session';

const nav = [
  { to: '/', label: 'Home', end: true },
  { to: '/deliverables', label: 'Deliverables' },
  { to: '/codes', label: 'Codes & links' },
  { to: '/earnings', label: 'Earnings' },
  { to: '/payouts', label: 'Payouts' },
];

/** The frame of every signed-in portal page: the brand team's name, a short navigation, sign out. Narrow: phones first. */
export function PortalShell() {
  const me = usePortalMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/portal/session')),
    onSuccess: () => {
      client.clear();
      navigate('/sign-in?signedOut=1', { replace: true });
    },
  });
  const workspaceId = me.data?.workspace.id;
  useEffect(() => void (workspaceId && rememberWorkspace(workspaceId)), [workspaceId]);
  if (me.isPending) return <Loading what="your portal" />;
  if (me.error instanceof ProblemError && me.error.status === 401)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.error || !me.data) return <Failed error={me.error} retry={() => void me.refetch()} />;
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between gap-4 px-4 py-2">
          <p className="text-sm font-semibold text-slate-900">{me.data.workspace.name} · Ambassador portal</p>
          <div className="flex items-center gap-3 text-sm text-slate-700">
            <span className="hidden sm:inline">{me.data.influencer.name}</span>
            <Button onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              Sign out
            </Button>
          </div>
        </div>
        <nav aria-label="Portal" className="mx-auto max-w-4xl px-2">
          <ul className="flex gap-1 overflow-x-auto">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) =>
                    `block whitespace-nowrap border-b-2 px-3 py-2 text-sm ${isActive ? 'border-indigo-600 font-medium text-indigo-800' : 'border-transparent text-slate-700 hover:text-slate-900'}`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="mx-auto max-w-4xl space-y-6 p-4">
        <RouteFocus pathname={location.pathname} />
        <Outlet />
      </main>
    </div>
  );
}
