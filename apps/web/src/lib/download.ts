import { ProblemError } from '../api/client';

/** A file the API answers by content negotiation (statement CSV/HTML) or as CSV: fetched with the session, then saved. */
export async function download(path: string, filename: string, accept = 'text/csv'): Promise<void> {
  const response = await fetch(path, { headers: { Accept: accept, 'X-Requested-With': 'web' }, credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new ProblemError({
      type: 'about:blank',
      title: body.title ?? response.statusText,
      status: response.status,
      detail: body.detail ?? `The server answered ${response.status}`,
    });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
