import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * The portal's router: the few pieces of react-router it uses (Link, NavLink, Navigate, Outlet, useParams,
 * useNavigate, useSearchParams, useLocation), over the History API. react-router alone would take a third
 * of the portal's 100 KB budget (web.md, bench/web-bundle.mjs); the portal has seven flat routes.
 */
export const BASE = '/portal';

export interface Route {
  path: string;
  element: ReactNode;
  /** Rendered with the shell around it (signed-in pages). */
  shell?: boolean;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};
const href = () => window.location.pathname + window.location.search;

/** The location inside the portal: `/deliverables/…`, `?token=…`. */
export function useLocation(): { pathname: string; search: string } {
  const current = useSyncExternalStore(subscribe, href);
  return useMemo(() => {
    const url = new URL(current, window.location.origin);
    const inside = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
    return { pathname: inside.replace(/\/+$/, '') || '/', search: url.search };
  }, [current]);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  window.history[options.replace ? 'replaceState' : 'pushState'](null, '', BASE + to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export const useNavigate = () => navigate;

export function useSearchParams(): [URLSearchParams] {
  const { search } = useLocation();
  return [useMemo(() => new URLSearchParams(search), [search])];
}

const Matched = createContext<{ params: Record<string, string>; child: ReactNode }>({ params: {}, child: null });

export const useParams = (): Record<string, string | undefined> => useContext(Matched).params;

/** Where a shell puts the page it frames. */
export const Outlet = () => <>{useContext(Matched).child}</>;

function match(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

/** The first route matching the location; the shell wraps signed-in pages; an unknown path shows `notFound`. */
export function Router({ routes, shell, notFound }: { routes: Route[]; shell: ReactNode; notFound: ReactNode }) {
  const { pathname } = useLocation();
  for (const route of routes) {
    const params = match(route.path, pathname);
    if (!params) continue;
    return <Matched.Provider value={{ params, child: route.element }}>{route.shell ? shell : route.element}</Matched.Provider>;
  }
  return <>{notFound}</>;
}

/** A real link (opens in a new tab with a modifier key), handled in the page otherwise. */
export function Link({ to, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    props.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...props} href={BASE + to} onClick={onClick} />;
}

export function NavLink({
  to,
  end,
  className,
  children,
}: {
  to: string;
  end?: boolean;
  className: (state: { isActive: boolean }) => string;
  children: ReactNode;
}) {
  const { pathname } = useLocation();
  const isActive = end ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className={className({ isActive })} aria-current={isActive ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function Navigate({ to, replace }: { to: string; replace?: boolean }) {
  useEffect(() => navigate(to, { replace }), [to, replace]);
  return null;
}
