import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '../router';
import { api, unwrap } from '../../api/client';
import { day, exactMoney } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { QueryState } from '../../ui/states';
import { StatementCard } from '../../ui/statement-lines';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';

const FAILED_NOTE = 'This payout could not be paid. Its amount goes back to what you are owed and into your next payout.';

/** The day it was paid (UTC, as the emailed statement says) and the payment's reference. */
const paid = (p: { paidAt: string | null; reference: string | null }) =>
  p.paidAt ? `${day(p.paidAt)}${p.reference ? ` · reference ${p.reference}` : ''}` : '—';

/** The ambassador's approved, paid and failed payouts, newest first, each linked to its statement. */
export function PayoutsPage() {
  useTitle('Payouts', 'Ambassador portal');
  const payouts = useQuery({ queryKey: ['portal-payouts'], queryFn: () => unwrap(api.GET('/v1/portal/payouts')) });
  return (
    <>
      <h1 className="text-xl font-semibold">Payouts</h1>
      <Card title="Your payouts">
        <QueryState
          query={payouts}
          what="your payouts"
          empty="No payouts yet. Once the brand approves one, it shows here with its statement."
          isEmpty={(d) => d.data.length === 0}
        >
          {(d) => (
            <>
              <p className="px-4 pt-3 text-sm text-slate-700">Paid to: {d.method ?? 'no payout method on file yet (ask your contact)'}</p>
              <Table
                caption="Your payouts"
                head={
                  <>
                    <Th>Earnings through</Th>
                    <Th>Status</Th>
                    <Th num>Total</Th>
                    <Th>Paid</Th>
                    <Th>Statement</Th>
                  </>
                }
              >
                {d.data.map((p) => (
                  <tr key={p.id}>
                    <Td>
                      <span className="whitespace-nowrap">{day(p.periodEnd)}</span>
                    </Td>
                    <Td>
                      <Badge status={p.status} />
                    </Td>
                    <Td num>{exactMoney(p.total, p.currency)}</Td>
                    <Td>{paid(p)}</Td>
                    <Td>
                      <Link to={`/payouts/${p.id}`} className="text-indigo-700 underline">
                        Statement<span className="sr-only"> through {day(p.periodEnd)}</span>
                      </Link>
                    </Td>
                  </tr>
                ))}
              </Table>
            </>
          )}
        </QueryState>
      </Card>
      <p className="text-xs text-slate-600">
        A payout pays what you earned through its day, less anything carried from before (a refund after a commission was paid, say).
      </p>
    </>
  );
}

/** One payout's statement (where the statement emails land): carried balance, lines per brand and kind, total, CSV and printable copies. */
export function PayoutStatementPage() {
  const { id = '' } = useParams();
  const path = `/v1/portal/payouts/${encodeURIComponent(id)}/statement`;
  const statement = useQuery({
    queryKey: ['portal-payout-statement', id],
    queryFn: () => unwrap(api.GET('/v1/portal/payouts/{id}/statement', { params: { path: { id } } })),
  });
  useTitle(statement.data ? `Statement through ${day(statement.data.periodEnd)}` : 'Statement', 'Ambassador portal');
  return (
    <>
      <p className="text-sm">
        <Link to="/payouts" className="text-indigo-700 underline">
          ← All payouts
        </Link>
      </p>
      <QueryState query={statement} what="the statement" isEmpty={() => false} empty="">
        {(s) => (
          <>
            <h1 className="text-xl font-semibold">Payout statement through {day(s.periodEnd)}</h1>
            {s.status === 'failed' && (
              <p role="note" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
                {FAILED_NOTE}
              </p>
            )}
            <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">Status</dt>
              <dd>
                <Badge status={s.status} />
              </dd>
              <dt className="text-slate-600">Total</dt>
              <dd className="font-semibold">{exactMoney(s.total, s.currency)}</dd>
              <dt className="text-slate-600">Paid to</dt>
              <dd>{s.method ?? 'No payout method on file'}</dd>
              {s.paidAt && (
                <>
                  <dt className="text-slate-600">Paid on</dt>
                  <dd>{paid(s)}</dd>
                </>
              )}
            </dl>
            <StatementCard statement={s} path={path} title="What this payout pays" />
          </>
        )}
      </QueryState>
    </>
  );
}
