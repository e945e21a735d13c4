import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ProblemError, unwrap } from '../../../api/client';
import { ago, day } from '../../../lib/format';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Pager } from '../../../ui/pager';
import { ShowMore, usePagedList } from '../../../ui/show-more';
import { Field } from '../../../ui/field';
import { QueryState } from '../../../ui/states';
import { Table, Td, Th } from '../../../ui/table';
import { useTitle } from '../../../ui/title';
import { useBrands } from '../../brands';
import { download } from '../../../lib/download';
import { BalanceCells, BalanceHead, PayeeLink, useIsAdmin } from './common';

/** Payouts (docs/payouts.md): everyone owed, the runs, a new run, the minimum and the year-end earnings. */
export function PayoutsPage() {
  useTitle('Payouts');
  const admin = useIsAdmin();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">Payouts</h1>
      <OwedCard />
      <RunsCard admin={admin} />
      <div className="grid gap-4 md:grid-cols-2">
        <MinimumCard admin={admin} />
        <EarningsCard />
      </div>
    </div>
  );
}

function OwedCard() {
  const [params, setParams] = useSearchParams();
  const cursor = params.get('owedCursor') ?? undefined;
  const owed = useQuery({
    queryKey: ['payout-balances', cursor],
    queryFn: () => unwrap(api.GET('/v1/payouts/balances', { params: { query: { cursor, limit: 50 as never } } })),
    placeholderData: keepPreviousData,
  });
  const page = (next?: string | null) => setParams(next ? { owedCursor: next } : {});
  return (
    <Card title="Everyone owed">
      <QueryState
        query={owed}
        what="balances"
        isEmpty={(l) => l.data.length === 0}
        empty="Nobody is owed anything: every payable entry is in a payout."
      >
        {(l) => (
          <>
            <Table
              caption="Unpaid balances per ambassador and currency"
              head={
                <>
                  <Th>Ambassador</Th>
                  <BalanceHead />
                </>
              }
            >
              {l.data.map((b) => (
                <tr key={`${b.influencerId}-${b.currency}`}>
                  <Td>
                    <PayeeLink influencerId={b.influencerId} name={b.influencerName} />
                  </Td>
                  <BalanceCells b={b} />
                </tr>
              ))}
            </Table>
            <Pager label="Balance pages" cursor={cursor} next={l.nextCursor} onPage={page} />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function RunsCard({ admin }: { admin: boolean }) {
  const runs = usePagedList(['payout-runs'], (cursor) =>
    unwrap(api.GET('/v1/payout-runs', { params: { query: { cursor, limit: 50 as never } } })),
  );
  return (
    <Card title="Payout runs">
      {admin && <NewRunForm />}
      <QueryState query={runs} what="payout runs" isEmpty={(rows) => rows.length === 0} empty="No payout run yet.">
        {(rows) => (
          <>
            <Table
              caption="Payout runs, newest first"
              head={
                <>
                  <Th>Through</Th>
                  <Th>Brand</Th>
                  <Th num>Minimum</Th>
                  <Th>Created</Th>
                </>
              }
            >
              {rows.map((run) => (
                <tr key={run.id}>
                  <Td>
                    <Link className="font-medium text-indigo-800 hover:underline" to={`/payouts/runs/${run.id}`}>
                      Run through {day(run.periodEnd)}
                    </Link>
                  </Td>
                  <Td>{run.brandId ? <BrandName id={run.brandId} /> : 'All brands'}</Td>
                  <Td num>{run.minimum}</Td>
                  <Td>{ago(String(run.createdAt))}</Td>
                </tr>
              ))}
            </Table>
            <ShowMore list={runs} what="runs" />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function BrandName({ id }: { id: string }) {
  return <>{useBrands().data?.data.find((b) => b.id === id)?.name ?? 'One brand'}</>;
}

/** periodEnd (a calendar day) and an optional brand; the new run opens once built. */
function NewRunForm() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const brands = useBrands();
  const create = useMutation({
    mutationFn: (body: { periodEnd: string; brandId?: string }) => unwrap(api.POST('/v1/payout-runs', { body })),
    onSuccess: (run) => {
      void client.invalidateQueries({ queryKey: ['payout-runs'] });
      void client.invalidateQueries({ queryKey: ['payout-balances'] });
      navigate(`/payouts/runs/${run.id}`);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const brandId = String(form.get('brandId') ?? '');
    create.mutate({ periodEnd: String(form.get('periodEnd') ?? ''), ...(brandId && { brandId }) });
  };
  const errors = create.error instanceof ProblemError ? create.error.fieldErrors : {};
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
      <Field label="Pay everything through" name="periodEnd" type="date" required error={errors.periodEnd} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">Brand</span>
        <select name="brandId" className="rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">All brands</option>
          {brands.data?.data.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={create.isPending}>
        Build draft payouts
      </Button>
      {create.error && !Object.keys(errors).length && (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      )}
    </form>
  );
}

function MinimumCard({ admin }: { admin: boolean }) {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['payout-settings'], queryFn: () => unwrap(api.GET('/v1/payout-settings')) });
  const save = useMutation({
    mutationFn: (minimum: string) => unwrap(api.PATCH('/v1/payout-settings', { body: { minimum } })),
    onSuccess: (saved) => client.setQueryData(['payout-settings'], saved),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(String(new FormData(event.currentTarget).get('minimum') ?? ''));
  };
  const errors = save.error instanceof ProblemError ? save.error.fieldErrors : {};
  return (
    <Card title="Minimum payout">
      <QueryState query={settings} what="payout settings" isEmpty={() => false} empty="">
        {(s) =>
          admin ? (
            <form key={s.minimum} onSubmit={submit} className="flex items-end gap-3 p-4">
              <Field
                label="Smallest payout, in each payout's currency"
                name="minimum"
                inputMode="decimal"
                defaultValue={s.minimum}
                error={errors.minimum ?? (save.error && !errors.minimum ? save.error.message : undefined)}
              />
              <Button type="submit" className="whitespace-nowrap" disabled={save.isPending}>
                Save minimum
              </Button>
              {save.isSuccess && (
                <span role="status" className="text-sm text-green-800">
                  Saved
                </span>
              )}
            </form>
          ) : (
            <p className="p-4 text-sm">
              Payouts under <strong>{s.minimum}</strong> (in each payout's currency) are carried to the next run.
            </p>
          )
        }
      </QueryState>
    </Card>
  );
}

function EarningsCard() {
  const [year, setYear] = useState(String(new Date().getUTCFullYear()));
  const save = useMutation({ mutationFn: () => download(`/v1/payouts/earnings?year=${encodeURIComponent(year)}`, `earnings-${year}.csv`) });
  return (
    <Card title="Year-end earnings">
      <form
        className="flex items-end gap-3 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Field label="Calendar year" value={year} onChange={(e) => setYear(e.target.value)} inputMode="numeric" />
        <Button type="submit" disabled={save.isPending}>
          Download CSV
        </Button>
        {save.error && (
          <span role="alert" className="text-sm text-red-700">
            {save.error.message}
          </span>
        )}
      </form>
    </Card>
  );
}
