import type { Schemas } from '../api/client';
import { day, exactMoney } from '../lib/format';
import { Table, Td, Th } from './table';

const KIND_LABELS: Record<string, string> = {
  retainer: 'Retainer',
  deliverable_fee: 'Deliverable fees',
  commission: 'Commission',
  bonus: 'Bonus',
  adjustment: 'Adjustment',
};

/**
 * A payout's statement as a table, the same in the console and the portal (docs/payouts.md#statements): the
 * opening carried balance, one line per brand and kind with its first and last day, the total.
 */
export function StatementLines({ statement: s }: { statement: Schemas['PayoutStatementView'] }) {
  return (
    <Table
      caption="Statement lines"
      head={
        <>
          <Th>Brand</Th>
          <Th>Kind</Th>
          <Th>Dates</Th>
          <Th num>Entries</Th>
          <Th num>Amount</Th>
        </>
      }
    >
      <tr>
        <Td>Opening balance</Td>
        <Td>Carried</Td>
        <Td>{s.previousPeriodEnd ? `through ${day(s.previousPeriodEnd)}` : '—'}</Td>
        <Td num />
        <Td num>{exactMoney(s.openingBalance, s.currency)}</Td>
      </tr>
      {s.lines.map((line) => (
        <tr key={`${line.relationshipId}-${line.kind}`}>
          <Td>{line.brandName}</Td>
          <Td>{KIND_LABELS[line.kind] ?? line.kind}</Td>
          <Td>{line.from === line.to ? day(line.from) : `${day(line.from)} – ${day(line.to)}`}</Td>
          <Td num>{line.entries}</Td>
          <Td num>{exactMoney(line.amount, s.currency)}</Td>
        </tr>
      ))}
      <tr className="font-semibold">
        <Td>Total</Td>
        <Td />
        <Td />
        <Td num />
        <Td num>{exactMoney(s.total, s.currency)}</Td>
      </tr>
    </Table>
  );
}
