/** One colour per status, the same on every page (web.md). */
const colours: Record<string, string> = {
  active: 'bg-green-100 text-green-800',
  approved: 'bg-green-100 text-green-800',
  published: 'bg-green-100 text-green-800',
  prospect: 'bg-sky-100 text-sky-800',
  draft: 'bg-sky-100 text-sky-800',
  planned: 'bg-sky-100 text-sky-800',
  submitted: 'bg-amber-100 text-amber-900',
  changes_requested: 'bg-orange-100 text-orange-900',
  renewed: 'bg-violet-100 text-violet-800',
  lapsed: 'bg-slate-200 text-slate-700',
  ended: 'bg-slate-200 text-slate-700',
  cancelled: 'bg-slate-200 text-slate-700',
  paid: 'bg-green-100 text-green-800',
  failed: 'bg-red-100 text-red-800',
  terminated: 'bg-red-100 text-red-800',
  missed: 'bg-red-100 text-red-800',
};

export function Badge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${colours[status] ?? 'bg-slate-100 text-slate-700'}`}>
      {status.replace('_', ' ')}
    </span>
  );
}
