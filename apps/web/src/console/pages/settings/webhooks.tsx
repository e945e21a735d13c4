import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../../api/client';
import { ago } from '../../../lib/format';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { QueryState } from '../../../ui/states';
import { Table, Td, Th } from '../../../ui/table';
import { useTitle } from '../../../ui/title';
import { fieldErrors, FormProblem } from '../../../ui/form-problem';
import { SecretOnce } from './secret';
import { AdminOnly } from './settings';
import { EndpointActions } from './webhook-actions';

/** Outbound webhook endpoints (docs/webhooks.md): every event type unless narrowed through the API; the signing secret shown once. */
export function WebhooksSettings() {
  useTitle('Webhooks', 'Settings');
  const endpoints = useQuery({ queryKey: ['webhook-endpoints'], queryFn: () => unwrap(api.GET('/v1/webhook-endpoints')) });
  return (
    <AdminOnly>
      <div className="flex flex-col gap-4">
        <CreateEndpoint />
        <Card title="Endpoints">
          <QueryState query={endpoints} what="webhook endpoints" isEmpty={(e) => e.data.length === 0} empty="No webhook endpoints yet.">
            {(e) => (
              <Table
                caption="Webhook endpoints"
                head={
                  <>
                    <Th>URL</Th>
                    <Th>Events</Th>
                    <Th>State</Th>
                    <Th>Created</Th>
                    <Th>Actions</Th>
                  </>
                }
              >
                {e.data.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <Td>
                      <code className="text-xs">{endpoint.url}</code>
                      {endpoint.description && <div className="text-xs text-slate-500">{endpoint.description}</div>}
                    </Td>
                    <Td>{endpoint.eventTypes?.join(', ') ?? 'all'}</Td>
                    <Td>
                      {endpoint.enabled
                        ? endpoint.failingSince
                          ? `failing since ${ago(endpoint.failingSince)}`
                          : 'enabled'
                        : `disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}`}
                    </Td>
                    <Td>{ago(endpoint.createdAt)}</Td>
                    <Td>
                      <EndpointActions endpoint={endpoint} />
                    </Td>
                  </tr>
                ))}
              </Table>
            )}
          </QueryState>
        </Card>
      </div>
    </AdminOnly>
  );
}

function CreateEndpoint() {
  const create = useMutation({
    mutationFn: (body: Schemas['CreateWebhookEndpointRequest']) => unwrap(api.POST('/v1/webhook-endpoints', { body })),
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate({ url: text('url'), description: text('description') || null, enabled: true });
  };
  return (
    <Card title="New endpoint">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3 p-4">
        <div className="flex flex-wrap items-start gap-3">
          <div className="w-96">
            <Field label="URL (https)" name="url" type="url" placeholder="https://hooks.example.com/ambassador-crm" error={errors.url} />
          </div>
          <div className="w-64">
            <Field label="Description" name="description" error={errors.description} />
          </div>
          <Button className="mt-6" variant="primary" type="submit" disabled={create.isPending}>
            Add endpoint
          </Button>
        </div>
        <FormProblem error={create.error} shows={['url', 'description']} />
        {create.data && <SecretOnce label={`Signing secret of ${create.data.url}`} value={create.data.secret} />}
      </form>
    </Card>
  );
}
