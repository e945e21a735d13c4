import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ProblemError } from '../api/client';

/** The console's one cache: the pages read it, and the routes' loaders fill it before the pages render. */
export const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2 },
  },
  // A write changes what lists show: refresh them (the cached page stays on screen meanwhile).
  mutationCache: new MutationCache({ onSuccess: () => void queryClient.invalidateQueries() }),
});
