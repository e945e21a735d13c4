import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../../api/client';
import { day, exactMoney } from '../../../lib/format';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Pager } from '../../../ui/pager';
import { QueryState } from '../../../ui/states';
import { Table, Td, Th } from '../../../ui/table';
import { useTitle } from '../../../ui/title';
import { download } from '../../../lib/download';
import { useUrlState } from '../../url-state';
import { PayeeLink, StatementLink, useIsAdmin } from './common';

type Payout = Schemas['PayoutView'];
type Action = 'approve' | 'mark-paid' | 'fail' | 'cancel';
type Body = { reference?: string; reason?: string };

/** What each action asks for besides a click, and to which statuses it applies (docs/payouts.md#statuses). */
const ACTIONS: { action: Action; label: string; from: Payout['status'][]; ask?: 'reference' | 'reason'; danger?: boolean }[] = [
  { action: 'approve', label: 'Approve', from: ['draft'] },
  { action: 'mark-paid', label: 'Mark paid', from: ['approved'], ask: 'reference' },
  { action: 'fail', label: 'Mark failed', from: ['approved'], ask: 'reason', danger: true },
  { action: 'cancel', label: 'Cancel', from: ['draft', 'approved'], danger: true },
];

const EXPORTS = [
  { format: 'plain', label: 'Plain CSV' },
  { format: 'paypal', label: 'PayPal Payouts CSV' },
  { format: 'wise', label: 'Wise batch CSV' },
] as const;

/** One run: its totals per status and currency, run-wide actions, the exports and every payout with its own actions. */
export function PayoutRunPage() {
  const { id = '' } = useParams();
  const admin = useIsAdmin();
  const run = useQuery({
    queryKey: ['payout-run', id],
    queryFn: () => unwrap(api.GET('/v1/payout-runs/{id}', { params: { path: { id } } })),
  });
  const [params, setParams] = useUrlState();
  const cursor = params.get('cursor') ?? undefined;
  const payouts = useQuery({
    queryKey: ['payouts', { runId: id, cursor }],
    queryFn: () => unwrap(api.GET('/v1/payouts', { params: { query: { runId: id, sort: 'payee', cursor, limit: 100 as never } } })),
    placeholderData: keepPreviousData,
  });
  useTitle(run.data ? `Run through ${day(run.data.periodEnd)}` : 'Payout run', 'Payouts');
  // From the run's totals, not the page of payouts on screen: "Approve all" is for every draft of the run.
  const statuses = new Set(run.data?.totals?.map((t) => t.status));
  const runActions = ACTIONS.filter((a) => a.from.some((s) => statuses.has(s)));
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link className="text-indigo-800 hover:underline" to="/payouts">
          ← Payouts
        </Link>
      </p>
      <QueryState query={run} what="the run" isEmpty={() => false} empty="">
        {(r) => (
          <>
            <h1 className="text-lg font-semibold">Run through {day(r.periodEnd)}</h1>
            <Card title="Totals">
              {r.totals?.length ? (
                <Table
                  caption="Payouts of this run per status and currency"
                  head={
                    <>
                      <Th>Status</Th>
                      <Th num>Payouts</Th>
                      <Th num>Amount</Th>
                    </>
                  }
                >
                  {r.totals.map((t) => (
                    <tr key={`${t.status}-${t.currency}`}>
                      <Td>
                        <Badge status={t.status} />
                      </Td>
                      <Td num>{t.payouts}</Td>
                      <Td num>{exactMoney(t.amount, t.currency)}</Td>
                    </tr>
                  ))}
                </Table>
              ) : (
                <p className="p-4 text-sm text-slate-600">
                  No payout: every total was under the minimum ({r.minimum}) or negative, and is carried to the next run.
                </p>
              )}
              {admin && runActions.length > 0 && (
                <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-3">
                  <span className="text-sm font-medium text-slate-700">Every payout of the run:</span>
                  {runActions.map((a) => (
                    <TransitionButton key={a.action} {...a} path="payout-runs" id={id} runId={id} suffix="all" />
                  ))}
                </div>
              )}
            </Card>
            {admin && <ExportsCard runId={id} />}
          </>
        )}
      </QueryState>
      <Card title="Payouts">
        <QueryState query={payouts} what="payouts" isEmpty={(l) => l.data.length === 0} empty="This run made no payout.">
          {(l) => (
            <>
              <Table
                caption="Payouts of this run"
                head={
                  <>
                    <Th>Ambassador</Th>
                    <Th num>Amount</Th>
                    <Th>Status</Th>
                    <Th>Statement</Th>
                    {admin && <Th>Actions</Th>}
                  </>
                }
              >
                {l.data.map((p) => (
                  <tr key={p.id}>
                    <Td>
                      <PayeeLink influencerId={p.influencerId} name={p.influencerName} />
                    </Td>
                    <Td num>{exactMoney(p.amount, p.currency)}</Td>
                    <Td>
                      <Badge status={p.status} />
                      {p.reference && <span className="ml-2 text-xs text-slate-600">{p.reference}</span>}
                      {p.failureReason && <span className="ml-2 text-xs text-slate-600">{p.failureReason}</span>}
                    </Td>
                    <Td>
                      <StatementLink payoutId={p.id} of={`the payout of ${exactMoney(p.amount, p.currency)}`} />
                    </Td>
                    {admin && (
                      <Td>
                        <span className="flex flex-wrap gap-2">
                          {ACTIONS.filter((a) => a.from.includes(p.status)).map((a) => (
                            <TransitionButton key={a.action} {...a} path="payouts" id={p.id} runId={id} />
                          ))}
                        </span>
                      </Td>
                    )}
                  </tr>
                ))}
              </Table>
              <Pager label="Payout pages" cursor={cursor} next={l.nextCursor} onPage={(next) => setParams({ cursor: next })} />
            </>
          )}
        </QueryState>
      </Card>
    </div>
  );
}

/** One action on one payout or on the whole run; mark paid asks for the rail's reference, fail for a reason, in place. */
function TransitionButton({
  action,
  label,
  ask,
  danger,
  path,
  id,
  runId,
  suffix,
}: (typeof ACTIONS)[number] & { path: 'payouts' | 'payout-runs'; id: string; runId: string; suffix?: string }) {
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const run = useMutation({
    mutationFn: (body: Body) =>
      unwrap(
        // One call shape for the eight routes: /v1/{payouts|payout-runs}/{id}/{action}.
        api.POST(`/v1/${path}/{id}/${action}` as '/v1/payouts/{id}/approve', {
          params: { path: { id } },
          body: body as never,
        }),
      ),
    onSuccess: () => {
      setAsking(false);
      void client.invalidateQueries({ queryKey: ['payout-run', runId] });
      void client.invalidateQueries({ queryKey: ['payouts'] });
      void client.invalidateQueries({ queryKey: ['payout-balances'] });
    },
  });
  const name = suffix ? `${label} ${suffix}` : label;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get(ask!) ?? '');
    run.mutate({ [ask!]: value });
  };
  const error = run.error && (
    <span role="alert" className="text-xs text-red-700">
      {run.error.message}
    </span>
  );
  if (asking && ask)
    return (
      <form onSubmit={submit} className="inline-flex items-center gap-2">
        <label className="sr-only" htmlFor={`${ask}-${id}-${action}`}>
          {ask === 'reference' ? 'Payment reference' : 'Why it failed'}
        </label>
        <input
          id={`${ask}-${id}-${action}`}
          name={ask}
          required
          autoFocus
          placeholder={ask === 'reference' ? 'Payment reference' : 'Why it failed'}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <Button type="submit" variant="primary" disabled={run.isPending}>
          {name}
        </Button>
        <Button onClick={() => setAsking(false)}>Back</Button>
        {error}
      </form>
    );
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant={danger ? 'danger' : action === 'approve' ? 'primary' : 'secondary'}
        disabled={run.isPending}
        onClick={() => {
          if (ask) setAsking(true);
          else if (!danger || window.confirm(`${name}? Its entries go back to the next run.`)) run.mutate({});
        }}
      >
        {name}
      </Button>
      {error}
    </span>
  );
}

function ExportsCard({ runId }: { runId: string }) {
  const save = useMutation({
    mutationFn: (format: string) => download(`/v1/payout-runs/${runId}/export?format=${format}`, `payout-run-${format}.csv`),
  });
  return (
    <Card title="Exports of the approved payouts">
      <div className="flex flex-wrap items-center gap-2 p-4">
        {EXPORTS.map((e) => (
          <Button key={e.format} disabled={save.isPending} onClick={() => save.mutate(e.format)}>
            {e.label}
          </Button>
        ))}
        {save.error && (
          <span role="alert" className="text-sm text-red-700">
            {save.error.message}
          </span>
        )}
      </div>
    </Card>
  );
}
