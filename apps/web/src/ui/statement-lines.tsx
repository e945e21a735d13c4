import { useMutation } from '@tanstack/react-query';
import type { Schemas } from '../api/client';
import { download } from '../lib/download';
import { day, exactMoney } from '../lib/format';
import { Button } from './button';
import { Card } from './card';
import { Table, Td, Th } from './table';

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
          <Td>{line.label}</Td>
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

/**
 * The statement's lines in a card, with its other two forms from `path` (the statement route, console or portal):
 * the printable HTML page in a new tab (a plain link: the browser asks for text/html) and the CSV download.
 */
export function StatementCard({ statement, path, title }: { statement: Schemas['PayoutStatementView']; path: string; title: string }) {
  const save = useMutation({ mutationFn: () => download(path, `payout-statement-${statement.periodEnd}.csv`) });
  return (
    <Card
      title={title}
      actions={
        <span className="flex items-center gap-3 text-sm">
          <a href={path} target="_blank" rel="noreferrer" className="text-indigo-700 underline">
            Printable statement
          </a>
          <Button disabled={save.isPending} onClick={() => save.mutate()}>
            Download CSV
          </Button>
        </span>
      }
    >
      {save.error && (
        <p role="alert" className="px-4 pt-2 text-sm text-red-700">
          {save.error.message}
        </p>
      )}
      <StatementLines statement={statement} />
    </Card>
  );
}
