import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { fieldErrors, FormProblem } from '../../ui/form-problem';
import { Loading } from '../../ui/states';
import { AuthFrame, useSignedIn } from './sign-in';

const signInLink = (
  <Link className="text-indigo-700 underline" to="/sign-in">
    Sign in
  </Link>
);

/**
 * The link of an invitation email (/app/join?token=…): what the invitation is, then the invitee creates an
 * account with the invited address or signs in with it, and joins. Opening it accepts nothing.
 */
export function JoinPage() {
  const token = useSearchParams()[0].get('token') ?? '';
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => unwrap(api.GET('/v1/invitations/preview', { params: { query: { token } } })),
    retry: false,
  });
  if (preview.isPending) return <Loading what="the invitation" />;
  if (!preview.data)
    return (
      <AuthFrame title="Invitation not valid" footer={<>Have an account? {signInLink}</>}>
        <p className="text-sm">
          This invitation is unknown, expired, revoked or already used. Ask the person who invited you for a new one.
        </p>
      </AuthFrame>
    );
  return <JoinForms token={token} invitation={preview.data} />;
}

function JoinForms({ token, invitation }: { token: string; invitation: Schemas['InvitationPreview'] }) {
  const done = useSignedIn();
  const [error, setError] = useState<unknown>();
  const { email } = invitation;
  const join = useMutation({
    mutationFn: async ({ name, password }: { name?: string; password: string }) => {
      // A new person: the account joins the inviting workspace as it is created; then the browser session.
      if (name !== undefined) await unwrap(api.POST('/v1/auth/signup', { body: { name, email, password, inviteToken: token } }));
      const inviteToken = name === undefined ? token : undefined;
      return unwrap(api.POST('/v1/auth/session', { body: { email, password, inviteToken } }));
    },
    onSuccess: done,
    onError: setError,
  });
  const submit = (event: FormEvent<HTMLFormElement>, withName: boolean) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    join.mutate({ name: withName ? String(form.get('name') ?? '') : undefined, password: String(form.get('password') ?? '') });
  };
  const errors = fieldErrors(error);
  return (
    <AuthFrame title={`Join ${invitation.workspaceName}`} footer={<>Opening this page accepts nothing until you press a button.</>}>
      <p className="mb-4 text-sm">
        You are invited as <b>{invitation.role}</b> with the address <b>{email}</b>, until {new Date(invitation.expiresAt).toLocaleString()}
        .
      </p>
      <form className="flex flex-col gap-3" onSubmit={(event) => submit(event, true)} noValidate aria-labelledby="join-new">
        <h2 id="join-new" className="font-medium">
          New to Ambassador CRM
        </h2>
        <Field label="Your name" name="name" autoComplete="name" required autoFocus error={errors.name} />
        <Field label="Password (10 characters or more)" name="password" type="password" autoComplete="new-password" required />
        <Button variant="primary" type="submit" disabled={join.isPending}>
          Create account and join
        </Button>
      </form>
      <form className="mt-6 flex flex-col gap-3" onSubmit={(event) => submit(event, false)} noValidate aria-labelledby="join-existing">
        <h2 id="join-existing" className="font-medium">
          Have an account with {email}
        </h2>
        <Field label="Your password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" disabled={join.isPending}>
          Sign in and join
        </Button>
      </form>
      <div className="mt-3">
        <FormProblem error={error} shows={['name']} />
      </div>
    </AuthFrame>
  );
}
