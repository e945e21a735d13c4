import type { ReactNode } from 'react';
import { Navigate, NavLink, Outlet } from 'react-router';
import { useIsAdmin } from '../../session';

const sections = [
  { to: 'workspace', label: 'Workspace', admin: false },
  { to: 'brands', label: 'Brands', admin: false },
  { to: 'members', label: 'Members', admin: true },
  { to: 'api-keys', label: 'API keys', admin: true },
  { to: 'shopify', label: 'Shopify', admin: true },
  { to: 'webhooks', label: 'Webhooks', admin: true },
];

/** `/settings/<section>`: one address per section; admin sections are offered to admins only (the API refuses others). */
export function SettingsLayout() {
  const admin = useIsAdmin();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">Settings</h1>
      <nav aria-label="Settings">
        <ul className="flex gap-1 border-b border-slate-200">
          {sections
            .filter((s) => admin || !s.admin)
            .map((s) => (
              <li key={s.to}>
                <NavLink
                  to={s.to}
                  className={({ isActive }) =>
                    `-mb-px block border-b-2 px-3 py-1.5 text-sm ${isActive ? 'border-indigo-600 font-medium text-indigo-800' : 'border-transparent text-slate-700 hover:text-slate-900'}`
                  }
                >
                  {s.label}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export const SettingsIndex = () => <Navigate to="workspace" replace />;

/** What a non-admin sees at an admin section's address (a bookmark, a shared link). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const admin = useIsAdmin();
  return admin ? <>{children}</> : <p className="text-sm text-slate-600">Only admins and owners can see this section.</p>;
}
