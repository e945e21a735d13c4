import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { queryClient } from './query-client';

/**
 * A route loader that starts the page's queries and returns at once. The shell renders no page before
 * `GET /v1/me` has answered; started here, the page's requests run alongside it instead of after it, and the
 * page's useQuery finds them in flight or done. Errors stay in the cache for the page to show (a 401 for
 * everything sends the shell to the sign-in page, which clears the cache).
 */
export const prefetching =
  (start: (client: QueryClient, params: URLSearchParams) => void) =>
  ({ request }: LoaderFunctionArgs): null => {
    start(queryClient, new URL(request.url).searchParams);
    return null;
  };
