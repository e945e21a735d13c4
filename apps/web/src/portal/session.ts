import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** The workspace of the last sign-in: the sign-in page needs it to ask for a link, and a link names it. */
const WORKSPACE_KEY = 'acrm-portal-workspace';
export const rememberWorkspace = (id: string) => localStorage.setItem(WORKSPACE_KEY, id);
export const rememberedWorkspace = () => localStorage.getItem(WORKSPACE_KEY) ?? '';

/** The signed-in ambassador (GET /v1/portal/me through the portal cookie); a 401 means nobody. */
export function usePortalMe() {
  return useQuery({ queryKey: ['portal-me'], queryFn: () => unwrap(api.GET('/v1/portal/me')), retry: false, staleTime: 60_000 });
}
