import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { day, exactMoney } from '../../../lib/format';
import { Badge } from '../../../ui/badge';
import { QueryState } from '../../../ui/states';
import { StatementCard } from '../../../ui/statement-lines';
import { useTitle } from '../../../ui/title';
import { PayeeLink } from './common';

/** A payout's statement as the ambassador receives it: opening carried balance, lines per brand and kind, total, masked method. */
export function PayoutStatementPage() {
  const { id = '' } = useParams();
  const statement = useQuery({
    queryKey: ['payout-statement', id],
    queryFn: () => unwrap(api.GET('/v1/payouts/{id}/statement', { params: { path: { id } } })),
  });
  useTitle(statement.data ? `Statement · ${statement.data.payeeName}` : 'Statement', 'Payouts');
  return (
    <div className="flex flex-col gap-4">
      <QueryState query={statement} what="the statement" isEmpty={() => false} empty="">
        {(s) => (
          <>
            <p className="text-sm">
              <Link className="text-indigo-800 hover:underline" to={`/payouts/runs/${s.runId}`}>
                ← Run through {day(s.periodEnd)}
              </Link>
            </p>
            <h1 className="text-lg font-semibold">
              Statement: {s.payeeName}, through {day(s.periodEnd)}
            </h1>
            <dl className="grid max-w-2xl grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">Ambassador</dt>
              <dd>
                <PayeeLink influencerId={s.influencerId} name={s.payeeName} />
              </dd>
              <dt className="text-slate-600">Status</dt>
              <dd>
                <Badge status={s.status} />
              </dd>
              <dt className="text-slate-600">Paid to</dt>
              <dd>{s.method ?? 'No payout method on file'}</dd>
              <dt className="text-slate-600">Total</dt>
              <dd className="font-semibold">{exactMoney(s.total, s.currency)}</dd>
            </dl>
            <StatementCard statement={s} path={`/v1/payouts/${encodeURIComponent(id)}/statement`} title="Lines" />
          </>
        )}
      </QueryState>
    </div>
  );
}
