import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

/** Label, control and the API's message for this field beside it (problem+json `errors[].field`). */
function Labelled({ label, error, children }: { label: string; error?: string; children: (id: string, described?: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(id, error ? `${id}-error` : undefined)}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

const control = (error?: string) => `rounded-md border px-2.5 py-1.5 text-sm ${error ? 'border-red-500' : 'border-slate-300'}`;

export function Field({ label, error, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string }) {
  return (
    <Labelled label={label} error={error}>
      {(id, described) => (
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} className={control(error)} {...input} />
      )}
    </Labelled>
  );
}

export function SelectField({
  label,
  error,
  options,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; options: readonly string[] }) {
  return (
    <Labelled label={label} error={error}>
      {(id, described) => (
        <select id={id} aria-invalid={error ? true : undefined} aria-describedby={described} className={control(error)} {...select}>
          {options.map((option) => (
            <option key={option} value={option}>
              {option.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}
