import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../../api/client';
import { Button } from '../../../ui/button';
import { ActionButton } from '../../actions';

type Endpoint = Schemas['WebhookEndpointView'];

/**
 * What an admin does with an endpoint after the "disabled" email (which links this page): enable it again, send a
 * ping to see it answer, replay what it missed, or delete it.
 */
export function EndpointActions({ endpoint }: { endpoint: Endpoint }) {
  const path = { params: { path: { id: endpoint.id } } };
  const toggle = endpoint.enabled ? 'Disable' : 'Enable';
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <ActionButton
        label={toggle}
        name={`${toggle} ${endpoint.url}`}
        run={() => unwrap(api.PATCH('/v1/webhook-endpoints/{id}', { ...path, body: { enabled: !endpoint.enabled } }))}
      />
      <ActionButton
        label="Send test"
        name={`Send test to ${endpoint.url}`}
        run={() => unwrap(api.POST('/v1/webhook-endpoints/{id}/test', path))}
      />
      <Replay endpoint={endpoint} />
      <ActionButton
        variant="danger"
        label="Delete"
        name={`Delete ${endpoint.url}`}
        confirm={`Delete the endpoint ${endpoint.url}? No more events are sent to it.`}
        run={() => unwrap(api.DELETE('/v1/webhook-endpoints/{id}', path))}
      />
    </span>
  );
}

/** Replay since a time the admin picks, in their own clock; opens in place. */
function Replay({ endpoint }: { endpoint: Endpoint }) {
  const [open, setOpen] = useState(false);
  const replay = useMutation({
    mutationFn: (since: string) =>
      unwrap(api.POST('/v1/webhook-endpoints/{id}/replay', { params: { path: { id: endpoint.id } }, body: { since } })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = String(new FormData(event.currentTarget).get('since') ?? '');
    const since = new Date(local);
    // An empty or partial field is sent as is, so the API's 400 names it.
    replay.mutate(Number.isNaN(since.getTime()) ? local : since.toISOString());
  };
  if (!open)
    return (
      <Button onClick={() => setOpen(true)} aria-label={`Replay ${endpoint.url}`}>
        Replay…
      </Button>
    );
  const id = `replay-since-${endpoint.id}`;
  return (
    <form noValidate className="inline-flex flex-wrap items-center gap-2" onSubmit={submit}>
      <label className="text-xs" htmlFor={id}>
        Events since
      </label>
      <input
        id={id}
        name="since"
        type="datetime-local"
        aria-invalid={replay.error ? true : undefined}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <Button type="submit" variant="primary" disabled={replay.isPending}>
        Replay
      </Button>
      {replay.data && <span role="status" className="text-xs">{`${replay.data.replayed} events queued again`}</span>}
      {replay.error && (
        <span role="alert" className="text-xs text-red-700">
          {replay.error.message}
        </span>
      )}
    </form>
  );
}
