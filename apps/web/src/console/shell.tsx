import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api, ProblemError, unwrap } from '../api/client';
import { RouteFocus } from '../ui/route-focus';
import { Failed, Loading } from '../ui/states';
import { useOutboxOffered } from './pages/mail-outbox';
import { useMe } from './session';

const nav = [
  { to: '/', label: 'Program', end: true },
  { to: '/relationships', label: 'Relationships' },
  { to: '/influencers', label: 'Influencers' },
  { to: '/payouts', label: 'Payouts' },
  { to: '/reports', label: 'Reports' },
  { to: '/settings', label: 'Settings' },
];

/** The frame of every signed-in page: workspace switcher top-left, navigation left, user menu top-right (web.md). */
export function Shell() {
  const me = useMe();
  const location = useLocation();
  const outbox = useOutboxOffered();
  if (me.isPending) return <Loading what="your workspace" />;
  if (me.error instanceof ProblemError && me.error.status === 401)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.error || !me.data) return <Failed error={me.error} retry={() => void me.refetch()} />;
  return (
    <div className="grid min-h-screen grid-cols-[13rem_1fr] grid-rows-[3rem_1fr]">
      <div className="flex items-center border-b border-r border-slate-200 bg-white px-3">
        <WorkspaceSwitcher current={me.data.workspace.id} />
      </div>
      <header className="flex items-center justify-end border-b border-slate-200 bg-white px-4">
        <UserMenu name={me.data.user?.name ?? 'API key'} email={me.data.user?.email} role={me.data.role} />
      </header>
      <nav aria-label="Main" className="border-r border-slate-200 bg-white p-2">
        <ul className="flex flex-col gap-0.5">
          {(outbox ? [...nav, { to: '/mail-outbox', label: 'Mail outbox' }] : nav).map((item) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  `block rounded-md px-3 py-1.5 text-sm ${isActive ? 'bg-indigo-50 font-medium text-indigo-800' : 'text-slate-700 hover:bg-slate-100'}`
                }
              >
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="overflow-auto p-6">
        <RouteFocus pathname={location.pathname} />
        <Outlet />
      </main>
    </div>
  );
}

function WorkspaceSwitcher({ current }: { current: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const workspaces = useQuery({ queryKey: ['my-workspaces'], queryFn: () => unwrap(api.GET('/v1/me/workspaces')) });
  const change = useMutation({
    mutationFn: (workspaceId: string) => unwrap(api.PATCH('/v1/auth/session', { body: { workspaceId } })),
    onSuccess: () => {
      // Everything cached belongs to the other workspace.
      client.clear();
      navigate('/');
    },
  });
  const list = workspaces.data?.data ?? [];
  return (
    <label className="flex w-full flex-col">
      <span className="sr-only">Workspace</span>
      <select
        className="w-full truncate rounded-md border-none bg-transparent text-sm font-semibold"
        value={current}
        disabled={list.length < 2 || change.isPending}
        onChange={(event) => change.mutate(event.target.value)}
      >
        {list.length === 0 && <option value={current}>Workspace</option>}
        {list.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu({ name, email, role }: { name: string; email?: string; role: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/auth/session')),
    onSettled: () => {
      client.clear();
      navigate('/sign-in', { replace: true });
    },
  });
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">
        {name} <span className="text-slate-500">({role})</span> ▾
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        {email && <p className="truncate px-2 py-1 text-xs text-slate-500">{email}</p>}
        <button
          type="button"
          className="w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
