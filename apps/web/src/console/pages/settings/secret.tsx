import { useMutation } from '@tanstack/react-query';
import { Button } from '../../../ui/button';

/** A secret the API shows once (API key, webhook signing secret): selectable, copyable, and said to be shown once. */
export function SecretOnce({ label, value }: { label: string; value: string }) {
  const copy = useMutation({ mutationFn: () => navigator.clipboard.writeText(value) });
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium text-amber-900">{label}: copy it now, it is shown only this once.</p>
      <div className="flex gap-2">
        <input
          readOnly
          aria-label={label}
          value={value}
          onFocus={(e) => e.target.select()}
          className="flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
        />
        <Button onClick={() => copy.mutate()}>{copy.isSuccess ? 'Copied' : 'Copy'}</Button>
      </div>
    </div>
  );
}
