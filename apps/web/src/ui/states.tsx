import type { ReactNode } from 'react';
import { ProblemError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    // Only the dot pulses: text faded by the animation fails contrast while it is on screen.
    <div role="status" aria-live="polite" className="flex items-center gap-2 p-4 text-sm text-slate-600">
      <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-slate-400" />
      Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="p-4 text-sm text-slate-500">{children}</div>;
}

export function Failed({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof ProblemError ? error.message : 'The server could not be reached.';
  return (
    <div role="alert" className="flex items-center gap-3 p-4 text-sm text-red-700">
      <span>{message}</span>
      {retry && (
        <button type="button" className="underline" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Loading, error, empty or the content: the four states every list of the console has. */
export function QueryState<T>({
  query,
  what,
  empty,
  isEmpty,
  children,
}: {
  query: { data?: T; error: unknown; isPending: boolean; refetch: () => unknown };
  what: string;
  empty: ReactNode;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.error || query.data === undefined) return <Failed error={query.error} retry={() => void query.refetch()} />;
  return isEmpty(query.data) ? <Empty>{empty}</Empty> : <>{children(query.data)}</>;
}
