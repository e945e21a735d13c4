import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '../ui/button';
import { Field, SelectField } from '../ui/field';
import { fieldErrors, FormProblem } from '../ui/form-problem';

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'url';
  /** A select of these values instead of an input. */
  options?: readonly string[];
  placeholder?: string;
  defaultValue?: string;
  required?: boolean;
  inputMode?: 'decimal';
}

/**
 * A small write form (terminate, reverse, add a cost...): blank fields are left out of the body (the API's
 * defaults apply), the API's field errors show beside their fields, anything else above the buttons.
 * `confirm` asks first: destructive actions say what they will do.
 */
export function ActionForm({
  label,
  fields,
  submitLabel,
  run,
  onDone,
  onCancel,
  confirm,
  danger,
}: {
  label: string;
  fields: FormField[];
  submitLabel: string;
  run: (values: Record<string, string>) => Promise<unknown>;
  onDone?: () => void;
  onCancel?: () => void;
  confirm?: string;
  danger?: boolean;
}) {
  const action = useMutation({ mutationFn: run, onSuccess: () => onDone?.() });
  const errors = fieldErrors(action.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = Object.fromEntries(
      [...new FormData(event.currentTarget).entries()].map(([k, v]) => [k, String(v).trim()] as const).filter(([, v]) => v !== ''),
    );
    if (!confirm || window.confirm(confirm)) action.mutate(values);
  };
  return (
    <form aria-label={label} className="flex flex-wrap items-start gap-3 bg-slate-50 px-4 py-3" onSubmit={submit} noValidate>
      {fields.map(({ name, label: fieldLabel, options, type = 'text', ...rest }) =>
        options ? (
          <SelectField key={name} name={name} label={fieldLabel} options={options} defaultValue={rest.defaultValue} error={errors[name]} />
        ) : (
          <Field key={name} name={name} label={fieldLabel} type={type} error={errors[name]} {...rest} />
        ),
      )}
      <div className="flex basis-full flex-col gap-2">
        <FormProblem error={action.error} />
        <span className="flex gap-2">
          <Button type="submit" variant={danger ? 'danger' : 'primary'} disabled={action.isPending}>
            {submitLabel}
          </Button>
          {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        </span>
      </div>
    </form>
  );
}

/** A button that opens its ActionForm in place (one at a time per button). */
export function FormToggle({
  label,
  danger,
  children,
}: {
  label: string;
  danger?: boolean;
  children: (close: () => void) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return open ? (
    <div className="basis-full">{children(() => setOpen(false))}</div>
  ) : (
    <Button variant={danger ? 'danger' : 'secondary'} onClick={() => setOpen(true)}>
      {label}
    </Button>
  );
}
