import { infiniteQueryOptions, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { Button } from './button';

type Page<T> = { data: T[]; nextCursor?: string | null };

/**
 * A list the API pages by cursor, read a page at a time and shown as one growing list (`data` is every row loaded):
 * a relationship's conversions, costs or activity run to thousands, and a fixed first page hid the rest without a word.
 */
export function pagedList<T>(queryKey: QueryKey, page: (cursor: string | undefined) => Promise<Page<T>>) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => page(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (pages) => pages.pages.flatMap((p) => p.data),
  });
}

export const usePagedList = <T,>(queryKey: QueryKey, page: (cursor: string | undefined) => Promise<Page<T>>) =>
  useInfiniteQuery(pagedList(queryKey, page));

/** How many a paged list holds so far, for a title: "12", or "200+" while more can be loaded. */
export const countOf = (list: { data?: unknown[]; hasNextPage: boolean }) =>
  list.data ? ` (${list.data.length}${list.hasNextPage ? '+' : ''})` : '';

/** Under a paged list: loads the next page into it, while there is one. */
export function ShowMore({
  list,
  what,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  what: string;
}) {
  if (!list.hasNextPage) return null;
  return (
    <div className="flex justify-end border-t border-slate-100 px-4 py-2">
      <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
        {list.isFetchingNextPage ? `Loading more ${what}…` : `Show more ${what}`}
      </Button>
    </div>
  );
}
