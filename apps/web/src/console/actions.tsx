import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { Button } from '../ui/button';

/** An action button that calls the API, with the answer's message beside it when refused (409, 400...). */
export function ActionButton({
  label,
  run,
  confirm,
  variant,
  name,
}: {
  label: string;
  run: () => Promise<unknown>;
  confirm?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  /** The accessible name when the label alone is ambiguous in a list ("Revoke" → "Revoke Shop sync"); it starts with the label. */
  name?: string;
}) {
  const action = useMutation({ mutationFn: run });
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant={variant}
        aria-label={name}
        disabled={action.isPending}
        onClick={() => (!confirm || window.confirm(confirm)) && action.mutate()}
      >
        {label}
      </Button>
      {action.error && (
        <span role="alert" className="text-xs text-red-700">
          {action.error.message}
        </span>
      )}
    </span>
  );
}

/** Approve, or ask for changes with a comment (the comment field opens in place). */
export function ReviewActions({ deliverableId }: { deliverableId: string }) {
  const [asking, setAsking] = useState(false);
  const requestChanges = useMutation({
    mutationFn: (comment: string) =>
      unwrap(api.POST('/v1/deliverables/{id}/request-changes', { params: { path: { id: deliverableId } }, body: { comment } })),
    onSuccess: () => setAsking(false),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    requestChanges.mutate(String(new FormData(event.currentTarget).get('comment') ?? ''));
  };
  const error = requestChanges.error?.message;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <ActionButton
        variant="primary"
        label="Approve"
        run={() => unwrap(api.POST('/v1/deliverables/{id}/approve', { params: { path: { id: deliverableId } }, body: {} }))}
      />
      {asking ? (
        <form className="inline-flex items-center gap-2" onSubmit={submit}>
          <label className="sr-only" htmlFor={`comment-${deliverableId}`}>
            What should change
          </label>
          <input
            id={`comment-${deliverableId}`}
            name="comment"
            autoFocus
            placeholder="What should change?"
            aria-invalid={error ? true : undefined}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <Button type="submit" disabled={requestChanges.isPending}>
            Send
          </Button>
          {error && (
            <span role="alert" className="text-xs text-red-700">
              {error}
            </span>
          )}
        </form>
      ) : (
        <Button onClick={() => setAsking(true)}>Request changes</Button>
      )}
    </span>
  );
}
