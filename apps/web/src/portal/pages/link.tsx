import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from '../router';
import { api, ProblemError, unwrap } from '../../api/client';
import { Loading } from '../../ui/states';
import { rememberWorkspace } from '../session';
import { FreshLinkForm } from './sign-in';
import { Frame } from './frame';

/**
 * Where every emailed link lands: the token is traded for a session by POST (a mail scanner's GET signs
 * nobody in), then on to the page the email is about. A used or expired link offers a fresh one.
 */
export function LinkPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const open = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/portal/session', { body: { token } })),
    onSuccess: (opened) => navigate(opened.path, { replace: true }),
  });
  const { mutate } = open;
  useEffect(() => mutate(), [mutate]);
  if (open.isIdle || open.isPending) return <Loading what="your sign-in" />;
  const problem = open.error instanceof ProblemError ? open.error.problem : undefined;
  const workspaceId = problem && typeof problem.workspaceId === 'string' ? problem.workspaceId : '';
  if (workspaceId) rememberWorkspace(workspaceId);
  if (problem?.status === 410)
    return (
      <Frame title={problem.code === 'PORTAL_LINK_USED' ? 'This link was already used' : 'This link has expired'}>
        <p className="mb-4 text-sm text-slate-700">Each link signs you in once, for a limited time. We can email you a fresh one.</p>
        {workspaceId ? <FreshLinkForm workspaceId={workspaceId} label="Email me a fresh link" /> : null}
      </Frame>
    );
  return (
    <Frame title="This link does not work">
      <p className="text-sm text-slate-700">
        It may have been cut short by your mail app.{' '}
        <Link to="/sign-in" className="text-indigo-700 underline">
          Ask for a new sign-in link
        </Link>
        .
      </p>
    </Frame>
  );
}
