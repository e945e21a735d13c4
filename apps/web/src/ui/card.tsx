import { useId, type ReactNode } from 'react';

/** A titled section; its heading names it for assistive technology (a landmark region). */
export function Card({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby={id}>
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <h2 id={id} className="text-sm font-semibold text-slate-800">
          {title}
        </h2>
        {actions}
      </header>
      {children}
    </section>
  );
}
