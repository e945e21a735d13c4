import { Button } from './button';

/** Cursor paging under a list: back to the first page, on to the next (the API's `nextCursor`). */
export function Pager({
  cursor,
  next,
  onPage,
  label = 'Pages',
}: {
  cursor?: string;
  next?: string | null;
  onPage: (cursor?: string) => void;
  label?: string;
}) {
  if (!cursor && !next) return null;
  return (
    <nav aria-label={label} className="flex justify-end gap-2 border-t border-slate-100 px-4 py-2">
      {cursor && <Button onClick={() => onPage(undefined)}>First page</Button>}
      {next && <Button onClick={() => onPage(next)}>Next page</Button>}
    </nav>
  );
}
