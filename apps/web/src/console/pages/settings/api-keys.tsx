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
import { ActionButton } from '../../actions';
import { fieldErrors, FormProblem } from '../../../ui/form-problem';
import { SecretOnce } from './secret';
import { RoleSelect } from './role-select';
import { AdminOnly } from './settings';

type Role = Schemas['CreateApiKeyRequest']['role'];
const ROLES: Role[] = ['viewer', 'manager', 'admin'];
const when = (instant: unknown) => (typeof instant === 'string' ? ago(instant) : '—');

/** API keys for machines (admin+): created with a role, the key shown once, revoked at once. */
export function ApiKeysSettings() {
  useTitle('API keys', 'Settings');
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/v1/api-keys')) });
  return (
    <AdminOnly>
      <div className="flex flex-col gap-4">
        <CreateKey />
        <Card title="API keys">
          <QueryState query={keys} what="API keys" isEmpty={(k) => k.data.length === 0} empty="No API keys yet.">
            {(k) => (
              <Table
                caption="API keys"
                head={
                  <>
                    <Th>Name</Th>
                    <Th>Role</Th>
                    <Th>Key</Th>
                    <Th>Created</Th>
                    <Th>Last used</Th>
                    <Th>Actions</Th>
                  </>
                }
              >
                {k.data.map((key) => (
                  <tr key={key.id}>
                    <Td>{key.name}</Td>
                    <Td>{key.role}</Td>
                    <Td>
                      <code>{key.prefix}…</code>
                    </Td>
                    <Td>{ago(key.createdAt)}</Td>
                    <Td>{when(key.lastUsedAt)}</Td>
                    <Td>
                      {key.revokedAt ? (
                        <span className="text-xs text-slate-500">revoked {when(key.revokedAt)}</span>
                      ) : (
                        <ActionButton
                          variant="danger"
                          label="Revoke"
                          name={`Revoke ${key.name}`}
                          confirm={`Revoke the key "${key.name}"? Every request with it fails from now on.`}
                          run={() => unwrap(api.DELETE('/v1/api-keys/{id}', { params: { path: { id: key.id } } }))}
                        />
                      )}
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

function CreateKey() {
  const create = useMutation({ mutationFn: (body: Schemas['CreateApiKeyRequest']) => unwrap(api.POST('/v1/api-keys', { body })) });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get('name') ?? '').trim(), role: String(form.get('role')) as Role });
  };
  return (
    <Card title="New API key">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3 p-4">
        <div className="flex flex-wrap items-start gap-3">
          <div className="w-72">
            <Field label="Name" name="name" placeholder="Shop sync" error={errors.name} />
          </div>
          <RoleSelect roles={ROLES} error={errors.role} />
          <Button className="mt-6" variant="primary" type="submit" disabled={create.isPending}>
            Create key
          </Button>
        </div>
        <FormProblem error={create.error} shows={['name', 'role']} />
        {create.data && <SecretOnce label={`API key ${create.data.name}`} value={create.data.key} />}
      </form>
    </Card>
  );
}
