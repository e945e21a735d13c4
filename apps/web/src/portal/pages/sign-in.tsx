import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useSearchParams } from '../router';
import { api, unwrap } from '../../api/client';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { fieldErrors } from '../../ui/form-problem';
import { rememberedWorkspace } from '../session';
import { Frame } from './frame';

/** "Email me a link" for a workspace: the sign-in page and the page of a used or expired link both offer it. */
export function FreshLinkForm({ workspaceId, label = 'Email me a sign-in link' }: { workspaceId: string; label?: string }) {
  const send = useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/v1/portal/sign-in', { body: { workspaceId, email } })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send.mutate(String(new FormData(event.currentTarget).get('email')));
  };
  if (send.isSuccess)
    return (
      <p role="status" className="text-sm text-slate-700">
        {send.data.message} Check your inbox.
      </p>
    );
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <Field label="Your email" name="email" type="email" autoComplete="email" required error={fieldErrors(send.error).email} />
      {send.error && !fieldErrors(send.error).email && (
        <p role="alert" className="text-sm text-red-700">
          {send.error.message}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={send.isPending}>
        {label}
      </Button>
    </form>
  );
}

export function SignInPage() {
  const [params] = useSearchParams();
  const workspaceId = params.get('workspace') ?? rememberedWorkspace();
  return (
    <Frame title="Sign in to the ambassador portal">
      {params.get('signedOut') && (
        <p role="status" className="mb-3 text-sm text-slate-700">
          You are signed out.
        </p>
      )}
      {workspaceId ? (
        <>
          <p className="mb-3 text-sm text-slate-600">No password: we email you a link that signs you in.</p>
          <FreshLinkForm workspaceId={workspaceId} />
        </>
      ) : (
        <p className="text-sm text-slate-700">Open the link in any email from your brand team: it signs you in here.</p>
      )}
    </Frame>
  );
}
