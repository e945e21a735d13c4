import { useTitle } from '../../ui/title';

/** Pages of web.md the console does not have yet: said plainly, with where to do it meanwhile. */
export function NotBuilt({ page }: { page: string }) {
  useTitle(page);
  return (
    <div className="max-w-xl">
      <h1 className="text-lg font-semibold">{page}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {page === 'Not found'
          ? 'There is no page at this address.'
          : 'This page is not in the console yet. Everything it will do works through the API: see '}
        {page !== 'Not found' && (
          <a className="text-indigo-700 underline" href="/docs">
            the API documentation
          </a>
        )}
        .
      </p>
    </div>
  );
}
