import { useSearchParams } from 'react-router';

/**
 * Filters and the page cursor kept in the address, so a list can be linked to and Back returns to it.
 * Changing anything but the cursor starts again from the first page.
 */
export function useUrlState(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('cursor' in changes)) next.delete('cursor');
    setParams(next);
  };
  return [params, set];
}
