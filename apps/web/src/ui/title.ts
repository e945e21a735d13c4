import { useEffect } from 'react';

/** The tab says where you are (web.md): "Relationships · Acme · Ambassador CRM". */
export function useTitle(...parts: (string | undefined)[]): void {
  const title = [...parts.filter(Boolean), 'Ambassador CRM'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
