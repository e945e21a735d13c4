import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../../api/client';
import { ago } from '../../../lib/format';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { QueryState } from '../../../ui/states';
import { Table, Td, Th } from '../../../ui/table';
import { useTitle } from '../../../ui/title';
import { ActionButton } from '../../actions';
import { fieldErrors, FormProblem } from '../../../ui/form-problem';
import { useMe } from '../../session';
import { RoleSelect } from './role-select';
import { AdminOnly } from './settings';

type Role = Schemas['MemberView']['role'];
const ROLES: Role[] = ['viewer', 'manager', 'admin', 'owner'];

/** Members and their roles, invitations (admin+; the API enforces it, this page is offered to admins only). */
export function MembersSettings() {
  useTitle('Members', 'Settings');
  return (
    <AdminOnly>
      <div className="flex flex-col gap-4">
        <Invite />
        <Members />
        <Invitations />
      </div>
    </AdminOnly>
  );
}

function Members() {
  const me = useMe().data;
  const members = useQuery({ queryKey: ['members'], queryFn: () => unwrap(api.GET('/v1/members')) });
  return (
    <Card title="Members">
      <QueryState query={members} what="members" isEmpty={(m) => m.data.length === 0} empty="No members.">
        {(m) => (
          <Table
            caption="Members"
            head={
              <>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Since</Th>
                <Th>Actions</Th>
              </>
            }
          >
            {m.data.map((member) => (
              <tr key={member.id}>
                <Td>{member.name}</Td>
                <Td>{member.email}</Td>
                <Td>{member.userId === me?.user?.id ? member.role : <RoleChange member={member} />}</Td>
                <Td>{ago(member.createdAt)}</Td>
                <Td>
                  {member.userId === me?.user?.id ? (
                    <span className="text-xs text-slate-500">you</span>
                  ) : (
                    <ActionButton
                      variant="danger"
                      label="Remove"
                      name={`Remove ${member.name}`}
                      confirm={`Remove ${member.name} (${member.email}) from the workspace? Their access ends at once.`}
                      run={() => unwrap(api.DELETE('/v1/members/{id}', { params: { path: { id: member.id } } }))}
                    />
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </QueryState>
    </Card>
  );
}

function RoleChange({ member }: { member: Schemas['MemberView'] }) {
  const change = useMutation({
    mutationFn: (role: Role) => unwrap(api.PATCH('/v1/members/{id}', { params: { path: { id: member.id } }, body: { role } })),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <label className="sr-only" htmlFor={`role-${member.id}`}>
        Role of {member.name}
      </label>
      <select
        id={`role-${member.id}`}
        className="rounded-md border border-slate-300 bg-white px-1.5 py-0.5 text-sm"
        value={change.variables ?? member.role}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {change.error && (
        <span role="alert" className="text-xs text-red-700">
          {change.error.message}
        </span>
      )}
    </span>
  );
}

function Invite() {
  const invite = useMutation({ mutationFn: (body: Schemas['InviteMemberRequest']) => unwrap(api.POST('/v1/members', { body })) });
  const errors = fieldErrors(invite.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    invite.mutate({ email: String(form.get('email') ?? '').trim(), role: String(form.get('role')) as Role });
  };
  return (
    <Card title="Invite someone">
      <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3 p-4">
        <div className="w-72">
          <Field label="Email" name="email" type="email" error={errors.email} />
        </div>
        <RoleSelect roles={ROLES} error={errors.role} />
        <Button className="mt-6" variant="primary" type="submit" disabled={invite.isPending}>
          Send invitation
        </Button>
        <div className="basis-full">
          <FormProblem error={invite.error} shows={['email', 'role']} />
          {invite.data && (
            <p role="status" className="text-sm text-green-800">
              Invitation emailed to {invite.data.email} as {invite.data.role}; the link works until{' '}
              {new Date(invite.data.expiresAt).toLocaleString()}.
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}

function Invitations() {
  const invitations = useQuery({ queryKey: ['invitations'], queryFn: () => unwrap(api.GET('/v1/invitations')) });
  return (
    <Card title="Invitations">
      <QueryState query={invitations} what="invitations" isEmpty={(i) => i.data.length === 0} empty="No invitations sent yet.">
        {(i) => (
          <Table
            caption="Invitations"
            head={
              <>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>Sent</Th>
                <Th>Actions</Th>
              </>
            }
          >
            {i.data.map((inv) => (
              <tr key={inv.id}>
                <Td>{inv.email}</Td>
                <Td>{inv.role}</Td>
                <Td>
                  <Badge status={inv.status} />
                </Td>
                <Td>{ago(inv.createdAt)}</Td>
                <Td>
                  {inv.status === 'pending' && (
                    <ActionButton
                      variant="danger"
                      label="Revoke"
                      name={`Revoke the invitation of ${inv.email}`}
                      confirm={`Revoke the invitation of ${inv.email}?`}
                      run={() => unwrap(api.DELETE('/v1/invitations/{id}', { params: { path: { id: inv.id } } }))}
                    />
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </QueryState>
    </Card>
  );
}
