import type { ReactNode } from 'react';
import { useTitle } from '../../ui/title';

/** The page of someone not signed in yet: one centred card. */
export function Frame({ title, children }: { title: string; children: ReactNode }) {
  useTitle(title, 'Ambassador portal');
  return (
    <main className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="mb-4 text-lg font-semibold">{title}</h1>
      {children}
    </main>
  );
}
