import type { ReactNode } from 'react';

export function Table({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export const Th = ({ children, num }: { children?: ReactNode; num?: boolean }) => (
  <th scope="col" className={`px-4 py-2 font-medium ${num ? 'num' : ''}`}>
    {children}
  </th>
);

/** A number cell keeps an amount and its currency on one line: a narrow table scrolls rather than break "38.70 EUR". */
export const Td = ({ children, num }: { children?: ReactNode; num?: boolean }) => (
  <td className={`px-4 py-2 ${num ? 'num whitespace-nowrap' : ''}`}>{children}</td>
);
