import { useQuery } from '@tanstack/react-query';
import { Link } from '../router';
import { api, unwrap } from '../../api/client';
import { exactMoney } from '../../lib/format';
import { Card } from '../../ui/card';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';

export function EarningsPage() {
  useTitle('Earnings', 'Ambassador portal');
  const earnings = useQuery({ queryKey: ['portal-earnings'], queryFn: () => unwrap(api.GET('/v1/portal/earnings')) });
  return (
    <>
      <h1 className="text-xl font-semibold">Earnings</h1>
      <Card title="Per month">
        <QueryState query={earnings} what="your earnings" empty="Nothing earned yet." isEmpty={(d) => d.data.length === 0}>
          {(d) => (
            <Table
              caption="Earnings per brand and month"
              head={
                <>
                  <Th>Month</Th>
                  <Th>Brand</Th>
                  <Th num>Retainer</Th>
                  <Th num>Fees</Th>
                  <Th num>Commission pending</Th>
                  <Th num>Commission approved</Th>
                  <Th num>Refunds</Th>
                </>
              }
            >
              {d.data.map((m) => (
                <tr key={`${m.relationshipId}-${m.month}`}>
                  <Td>
                    <span className="whitespace-nowrap">{m.month}</span>
                  </Td>
                  <Td>
                    <span className="whitespace-nowrap">{m.brandName}</span>
                  </Td>
                  <Td num>{exactMoney(m.retainer, m.currency)}</Td>
                  <Td num>{exactMoney(m.fees, m.currency)}</Td>
                  <Td num>{exactMoney(m.commissionPending, m.currency)}</Td>
                  <Td num>{exactMoney(m.commissionApproved, m.currency)}</Td>
                  <Td num>{exactMoney(m.refunds, m.currency)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </QueryState>
      </Card>
      <p className="text-xs text-slate-600">
        Pending commission becomes approved after the brand's return period; refunded sales earn none. What was paid, and each payout's
        statement:{' '}
        <Link to="/payouts" className="text-indigo-700 underline">
          Payouts
        </Link>
        .
      </p>
    </>
  );
}
