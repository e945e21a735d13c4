import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ProblemError } from '../api/client';
import '../styles.css';
import { PortalRoutes } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2 },
  },
  mutationCache: new MutationCache({ onSuccess: () => void queryClient.invalidateQueries() }),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <PortalRoutes />
    </QueryClientProvider>
  </StrictMode>,
);
