import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** Who is signed in (GET /v1/me through the session cookie); a 401 means nobody, and the shell sends them to sign in. */
export const meQuery = queryOptions({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/v1/me')), retry: false, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQuery);
}

/** Viewers read only: pages offer no write action to them (the API refuses them regardless). */
export function useCanWrite(): boolean {
  const role = useMe().data?.role;
  return role !== undefined && role !== 'viewer';
}

/** Admins and owners manage members, API keys and integrations: others are not offered those pages. */
export function useIsAdmin(): boolean {
  const role = useMe().data?.role;
  return role === 'admin' || role === 'owner';
}
