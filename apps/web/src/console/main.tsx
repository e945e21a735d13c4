import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ProblemError } from '../api/client';
import '../styles.css';
import { routes } from './routes';

const router = createBrowserRouter(routes, { basename: '/app' });

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2 },
  },
  // A write changes what lists show: refresh them (the cached page stays on screen meanwhile).
  mutationCache: new MutationCache({ onSuccess: () => void queryClient.invalidateQueries() }),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
