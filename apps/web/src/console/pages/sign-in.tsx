import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { fieldErrors, FormProblem } from '../../ui/form-problem';
import { useTitle } from '../../ui/title';

export function AuthFrame({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  useTitle(title);
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="mb-4 text-lg font-semibold">{title}</h1>
      {children}
      <p className="mt-4 text-sm text-slate-600">{footer}</p>
    </main>
  );
}

export function useSignedIn() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return () => {
    client.clear();
    const next = params.get('next');
    navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };
}

export function SignInPage() {
  const done = useSignedIn();
  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/v1/auth/session', { body })),
    onSuccess: done,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ email: String(form.get('email')), password: String(form.get('password')) });
  };
  const errors = fieldErrors(signIn.error);
  return (
    <AuthFrame
      title="Sign in"
      footer={
        <>
          No account yet?{' '}
          <Link className="text-indigo-700 underline" to="/sign-up">
            Sign up
          </Link>
        </>
      }
    >
      <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus error={errors.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <FormProblem error={signIn.error} />
        <Button variant="primary" type="submit" disabled={signIn.isPending}>
          Sign in
        </Button>
      </form>
    </AuthFrame>
  );
}

/** A new workspace with its owner (POST /v1/auth/signup), then a browser session with the same credentials. */
export function SignUpPage() {
  const done = useSignedIn();
  const [error, setError] = useState<unknown>();
  const signUp = useMutation({
    mutationFn: async (body: { workspaceName: string; name: string; email: string; password: string }) => {
      await unwrap(api.POST('/v1/auth/signup', { body }));
      return unwrap(api.POST('/v1/auth/session', { body: { email: body.email, password: body.password } }));
    },
    onSuccess: done,
    onError: setError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    signUp.mutate({ workspaceName: value('workspaceName'), name: value('name'), email: value('email'), password: value('password') });
  };
  const errors = fieldErrors(error);
  return (
    <AuthFrame
      title="Sign up"
      footer={
        <>
          Have an account?{' '}
          <Link className="text-indigo-700 underline" to="/sign-in">
            Sign in
          </Link>
        </>
      }
    >
      <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
        <Field label="Workspace name" name="workspaceName" required autoFocus error={errors.workspaceName} />
        <Field label="Your name" name="name" autoComplete="name" required error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field
          label="Password (10 characters or more)"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
        />
        <FormProblem error={error} />
        <Button variant="primary" type="submit" disabled={signUp.isPending}>
          Create workspace
        </Button>
      </form>
    </AuthFrame>
  );
}
