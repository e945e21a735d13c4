import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ProblemError, unwrap, type Schemas } from '../../../api/client';
import { day, exactMoney } from '../../../lib/format';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { ShowMore, usePagedList } from '../../../ui/show-more';
import { Field } from '../../../ui/field';
import { QueryState } from '../../../ui/states';
import { Table, Td, Th } from '../../../ui/table';
import { useTitle } from '../../../ui/title';
import { BalanceCells, BalanceHead, StatementLink, useIsAdmin } from './common';

type Kind = Schemas['PutPayoutMethodRequest']['kind'];

/** The details each kind asks for (docs/payouts.md#payout-methods); the API checks them and names a wrong one. */
const KINDS: Record<Kind, { label: string; fields: { name: string; label: string; optional?: boolean }[] }> = {
  paypal: { label: 'PayPal', fields: [{ name: 'email', label: 'PayPal email' }] },
  wise: {
    label: 'Wise',
    fields: [
      { name: 'accountHolderName', label: 'Account holder' },
      { name: 'email', label: 'Wise email' },
    ],
  },
  bank_transfer: {
    label: 'Bank transfer',
    fields: [
      { name: 'accountHolderName', label: 'Account holder' },
      { name: 'iban', label: 'IBAN', optional: true },
      { name: 'bic', label: 'BIC', optional: true },
      { name: 'accountNumber', label: 'Account number (without IBAN)', optional: true },
      { name: 'bankCode', label: 'Bank code (with an account number)', optional: true },
    ],
  },
  other: { label: 'Other', fields: [{ name: 'instructions', label: 'How to pay' }] },
};

const DETAIL_LABELS: Record<string, string> = {
  email: 'Email',
  accountHolderName: 'Account holder',
  receiverType: 'Receiver type',
  iban: 'IBAN',
  bic: 'BIC',
  accountNumber: 'Account number',
  bankCode: 'Bank code',
  instructions: 'Instructions',
};

/** One ambassador's payouts: balances per currency, the payout method (masked unless admin) and their payouts. */
export function PayeePage() {
  const { id = '' } = useParams();
  const influencer = useQuery({
    queryKey: ['influencer', id],
    queryFn: () => unwrap(api.GET('/v1/influencers/{id}', { params: { path: { id } } })),
  });
  const balance = useQuery({
    queryKey: ['payout-balance', id],
    queryFn: () => unwrap(api.GET('/v1/influencers/{id}/balance', { params: { path: { id } } })),
  });
  const payouts = usePagedList(['payouts', { influencerId: id }], (cursor) =>
    unwrap(api.GET('/v1/payouts', { params: { query: { influencerId: id, cursor, limit: 50 as never } } })),
  );
  useTitle(influencer.data?.name, 'Payouts');
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link className="text-indigo-800 hover:underline" to="/payouts">
          ← Payouts
        </Link>
      </p>
      <h1 className="text-lg font-semibold">{influencer.data?.name ?? 'Ambassador'}: payouts</h1>
      <Card title="Balance">
        <QueryState query={balance} what="the balance" isEmpty={(b) => b.balances.length === 0} empty="Nothing earned yet.">
          {(b) => (
            <Table
              caption="Balance per currency"
              head={
                <>
                  <Th>Currency</Th>
                  <BalanceHead />
                </>
              }
            >
              {b.balances.map((row) => (
                <tr key={row.currency}>
                  <Td>{row.currency}</Td>
                  <BalanceCells b={row} />
                </tr>
              ))}
            </Table>
          )}
        </QueryState>
      </Card>
      <MethodCard influencerId={id} />
      <Card title="Payouts">
        <QueryState query={payouts} what="payouts" isEmpty={(rows) => rows.length === 0} empty="No payout yet.">
          {(rows) => (
            <>
              <Table
                caption="Payouts of this ambassador"
                head={
                  <>
                    <Th>Made</Th>
                    <Th num>Amount</Th>
                    <Th>Status</Th>
                    <Th>Statement</Th>
                  </>
                }
              >
                {rows.map((p) => (
                  <tr key={p.id}>
                    <Td>{day(String(p.createdAt))}</Td>
                    <Td num>{exactMoney(p.amount, p.currency)}</Td>
                    <Td>
                      <Badge status={p.status} />
                    </Td>
                    <Td>
                      <StatementLink payoutId={p.id} of={`the payout made ${day(String(p.createdAt))}`} />
                    </Td>
                  </tr>
                ))}
              </Table>
              <ShowMore list={payouts} what="payouts" />
            </>
          )}
        </QueryState>
      </Card>
    </div>
  );
}

function MethodCard({ influencerId }: { influencerId: string }) {
  const admin = useIsAdmin();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const method = useQuery({
    queryKey: ['payout-method', influencerId],
    // None on file is a 404: shown as such, not as an error.
    queryFn: () =>
      unwrap(api.GET('/v1/influencers/{id}/payout-method', { params: { path: { id: influencerId } } })).catch((error: unknown) => {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }),
  });
  const [kind, setKind] = useState<Kind>('paypal');
  const save = useMutation({
    mutationFn: (body: Schemas['PutPayoutMethodRequest']) =>
      unwrap(api.PUT('/v1/influencers/{id}/payout-method', { params: { path: { id: influencerId } }, body })),
    onSuccess: (saved) => {
      client.setQueryData(['payout-method', influencerId], saved);
      setEditing(false);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const details = Object.fromEntries(KINDS[kind].fields.map((f) => [f.name, String(form.get(f.name) ?? '').trim()]).filter(([, v]) => v));
    save.mutate({ kind, ...details });
  };
  const errors = save.error instanceof ProblemError ? save.error.fieldErrors : {};
  return (
    <Card
      title="Payout method"
      actions={admin && !editing && <Button onClick={() => setEditing(true)}>{method.data ? 'Change method' : 'Add method'}</Button>}
    >
      {editing ? (
        <form onSubmit={submit} className="flex max-w-md flex-col gap-3 p-4">
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">Kind</span>
            <select
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              className="rounded-md border border-slate-300 px-2 py-1.5"
            >
              {(Object.keys(KINDS) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {KINDS[k].label}
                </option>
              ))}
            </select>
          </label>
          {KINDS[kind].fields.map((f) => (
            <Field key={`${kind}-${f.name}`} name={f.name} label={f.optional ? `${f.label} (optional)` : f.label} error={errors[f.name]} />
          ))}
          <span className="flex gap-2">
            <Button type="submit" variant="primary" disabled={save.isPending}>
              Save method
            </Button>
            <Button onClick={() => setEditing(false)}>Back</Button>
          </span>
          {save.error && !Object.keys(errors).length && (
            <p role="alert" className="text-sm text-red-700">
              {save.error.message}
            </p>
          )}
        </form>
      ) : (
        <QueryState query={method} what="the payout method" isEmpty={(m) => m === null} empty="No payout method on file.">
          {(m) =>
            m && (
              <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 p-4 text-sm">
                <dt className="text-slate-600">Kind</dt>
                <dd>{KINDS[m.kind].label}</dd>
                {Object.entries(m.details).map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="text-slate-600">{DETAIL_LABELS[key] ?? key}</dt>
                    <dd className="font-mono">{String(value)}</dd>
                  </div>
                ))}
              </dl>
            )
          }
        </QueryState>
      )}
    </Card>
  );
}
