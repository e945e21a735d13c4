import { Link } from 'react-router';
import { type Schemas } from '../../../api/client';
import { exactMoney } from '../../../lib/format';
import { Td, Th } from '../../../ui/table';
import { useMe } from '../../session';

/** Runs, payout actions, the minimum and methods are the admins' (the API refuses anyone else regardless). */
export function useIsAdmin(): boolean {
  const role = useMe().data?.role;
  return role === 'admin' || role === 'owner';
}

/** The payee's name (every payout list carries it), linked to their payout page (balances and method). */
export function PayeeLink({ influencerId, name }: { influencerId: string; name: string }) {
  return (
    <Link className="font-medium text-indigo-800 hover:underline" to={`/payouts/payees/${influencerId}`}>
      {name}
    </Link>
  );
}

/** The four figures of a balance (docs/payouts.md#balances), as table headers and cells: the same on every page. */
export const BalanceHead = () => (
  <>
    <Th num>Owed</Th>
    <Th num>Carried negative</Th>
    <Th num>In open payouts</Th>
    <Th num>Paid to date</Th>
  </>
);

export const BalanceCells = ({ b }: { b: Schemas['BalanceView'] }) => (
  <>
    <Td num>{exactMoney(b.owed, b.currency)}</Td>
    <Td num>{b.carriedNegative.startsWith('-') ? exactMoney(b.carriedNegative, b.currency) : '—'}</Td>
    <Td num>{exactMoney(b.inOpenPayouts, b.currency)}</Td>
    <Td num>{exactMoney(b.paidToDate, b.currency)}</Td>
  </>
);

/** A payout's statement page; `of` completes the link's name for screen readers ("Statement of ..."). */
export const StatementLink = ({ payoutId, of }: { payoutId: string; of: string }) => (
  <Link className="text-indigo-800 hover:underline" to={`/payouts/statements/${payoutId}`}>
    Statement<span className="sr-only"> of {of}</span>
  </Link>
);
