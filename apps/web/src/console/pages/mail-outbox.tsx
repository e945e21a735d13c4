import { useQuery } from '@tanstack/react-query';
import { api, ProblemError, unwrap } from '../../api/client';
import { Card } from '../../ui/card';
import { QueryState } from '../../ui/states';
import { useTitle } from '../../ui/title';
import { useIsAdmin } from '../session';

const outboxQuery = (limit: number) => ({
  queryKey: ['mail-outbox', limit],
  queryFn: () => unwrap(api.GET('/v1/mail-outbox', { params: { query: { limit } } })),
  retry: false,
});

/** Zero-config mode (no SMTP server): the outbox exists and admins are offered its page. The API answers 404 otherwise. */
export function useOutboxOffered(): boolean {
  const admin = useIsAdmin();
  const probe = useQuery({ ...outboxQuery(1), enabled: admin, staleTime: Infinity });
  return admin && probe.isSuccess;
}

/** `/mail-outbox`: the emails the product wrote to `.data/outbox` instead of sending them, newest first, links clickable. */
export function MailOutboxPage() {
  useTitle('Mail outbox');
  const admin = useIsAdmin();
  const messages = useQuery({ ...outboxQuery(100), enabled: admin, refetchInterval: 5_000 });
  const disabled = messages.error instanceof ProblemError && messages.error.status === 404;
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <h1 className="text-lg font-semibold">Mail outbox</h1>
      <p className="text-sm text-slate-600">
        Without an SMTP server (<code>SMTP_URL</code> unset), emails are written to <code>.data/outbox</code> instead of being sent. Here
        are the newest ones this workspace sent; follow their links as the recipient would.
      </p>
      {!admin ? (
        <p className="text-sm text-slate-600">Only admins and owners can read the outbox.</p>
      ) : disabled ? (
        <p className="text-sm text-slate-600">Mail goes to an SMTP server here: there is no outbox.</p>
      ) : (
        <QueryState query={messages} what="the outbox" isEmpty={(m) => m.data.length === 0} empty="No email in the outbox yet.">
          {(m) => (
            <ul className="flex flex-col gap-3">
              {m.data.map((message) => (
                <li key={message.file}>
                  <Card
                    title={
                      <>
                        {message.subject || '(no subject)'}
                        <span className="ml-2 font-normal text-slate-500">
                          to {message.to.join(', ')}
                          {message.date && `, ${new Date(message.date).toLocaleString()}`}
                        </span>
                      </>
                    }
                  >
                    <div className="flex flex-col gap-2 px-4 py-3 text-sm">
                      {message.links.length > 0 && (
                        <ul className="flex flex-col gap-1">
                          {message.links.map((link) => (
                            <li key={link} className="truncate">
                              <a className="text-indigo-700 underline" href={link} target="_blank" rel="noreferrer">
                                {link}
                              </a>
                            </li>
                          ))}
                        </ul>
                      )}
                      <details>
                        <summary className="cursor-pointer text-slate-600">Message text</summary>
                        <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap font-sans text-slate-800">{message.text}</pre>
                      </details>
                    </div>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      )}
    </div>
  );
}
