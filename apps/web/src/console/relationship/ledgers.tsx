import { Fragment, useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { todayIn } from '../../lib/dates';
import { day, exactMoney } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ShowMore, usePagedList } from '../../ui/show-more';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { ActionForm, FormToggle } from '../action-form';
import { useCanWrite } from '../session';

type Detail = Schemas['RelationshipDetailView'];
type Conversion = Schemas['ConversionView'];

/** What can still be refunded: reverse takes a part or the rest; void is for a conversion that never was (a test order). */
const reversible = (c: Conversion) => c.status === 'pending' || c.status === 'approved';

/** The relationship's conversions, newest first, with reverse (full or partial) and void, each with a reason. */
export function Conversions({ r }: { r: Detail }) {
  const canWrite = useCanWrite();
  const [open, setOpen] = useState<{ id: string; action: 'reverse' | 'void' } | null>(null);
  const list = usePagedList(['conversions', r.id], (cursor) =>
    unwrap(
      api.GET('/v1/conversions', {
        params: { query: { relationshipId: r.id, cursor, limit: 100 as never }, header: { accept: 'application/json' } },
      }),
    ),
  );
  const columns = canWrite ? 7 : 6;
  return (
    <Card title="Conversions">
      <QueryState
        query={list}
        what="conversions"
        isEmpty={(rows) => rows.length === 0}
        empty="No conversions yet: orders with this ambassador's codes and links land here."
      >
        {(rows) => (
          <>
            <Table
              caption="Conversions"
              head={
                <>
                  <Th>Order</Th>
                  <Th>When</Th>
                  <Th>Status</Th>
                  <Th num>Net</Th>
                  <Th num>Reversed</Th>
                  <Th num>Commission</Th>
                  {canWrite && <Th>Actions</Th>}
                </>
              }
            >
              {rows.map((c) => (
                <Fragment key={c.id}>
                  <tr>
                    <Td>
                      {c.source} #{c.externalId}
                    </Td>
                    <Td>{day(c.occurredAt)}</Td>
                    <Td>
                      <Badge status={c.status} />
                    </Td>
                    <Td num>{exactMoney(c.netAmount, c.currency)}</Td>
                    <Td num>{exactMoney(c.reversedAmount, c.currency)}</Td>
                    <Td num>{exactMoney(c.commissionAmount, c.currency)}</Td>
                    {canWrite && (
                      <Td>
                        {reversible(c) && (
                          <span className="flex gap-2">
                            <Button onClick={() => setOpen({ id: c.id, action: 'reverse' })}>Reverse…</Button>
                            <Button variant="danger" onClick={() => setOpen({ id: c.id, action: 'void' })}>
                              Void…
                            </Button>
                          </span>
                        )}
                      </Td>
                    )}
                  </tr>
                  {open?.id === c.id && (
                    <tr>
                      <td colSpan={columns}>
                        {open.action === 'reverse' ? (
                          <ActionForm
                            label={`Reverse order ${c.externalId}`}
                            submitLabel="Reverse"
                            fields={[
                              {
                                name: 'amount',
                                label: `Amount (${c.currency}; blank: all the rest)`,
                                inputMode: 'decimal',
                                placeholder: '20.00',
                              },
                              { name: 'reason', label: 'Reason', placeholder: 'Customer returned the item' },
                            ]}
                            run={(body) =>
                              unwrap(
                                api.POST('/v1/conversions/{id}/reverse', {
                                  params: { path: { id: c.id } },
                                  body: body as Schemas['ReverseConversionRequest'],
                                }),
                              )
                            }
                            onDone={() => setOpen(null)}
                            onCancel={() => setOpen(null)}
                          />
                        ) : (
                          <ActionForm
                            label={`Void order ${c.externalId}`}
                            submitLabel="Void"
                            danger
                            confirm={`Void order ${c.externalId}? It then counts in no figure.`}
                            fields={[{ name: 'reason', label: 'Reason', placeholder: 'Test order sent by mistake' }]}
                            run={(body) =>
                              unwrap(
                                api.POST('/v1/conversions/{id}/void', {
                                  params: { path: { id: c.id } },
                                  body: body as Schemas['VoidConversionRequest'],
                                }),
                              )
                            }
                            onDone={() => setOpen(null)}
                            onCancel={() => setOpen(null)}
                          />
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </Table>
            <ShowMore list={list} what="conversions" />
          </>
        )}
      </QueryState>
    </Card>
  );
}

const MANUAL_KINDS = ['product', 'other', 'bonus', 'adjustment'] as const;

/** The cost ledger, newest day first; add a product, bonus, adjustment or other cost (negative corrects, with a description). */
export function Costs({ r }: { r: Detail }) {
  const canWrite = useCanWrite();
  const list = usePagedList(['costs', r.id], (cursor) =>
    unwrap(api.GET('/v1/relationships/{id}/costs', { params: { path: { id: r.id }, query: { cursor, limit: 100 as never } } })),
  );
  const add = canWrite && (
    <FormToggle label="Add a cost">
      {(close) => (
        <ActionForm
          label="Add a cost"
          submitLabel="Add"
          fields={[
            { name: 'kind', label: 'Kind', options: MANUAL_KINDS, defaultValue: 'product' },
            { name: 'amount', label: `Amount (${r.brand.currency})`, inputMode: 'decimal', placeholder: '49.90' },
            { name: 'incurredOn', label: `Day (blank: today, ${r.brand.timezone})`, type: 'date', placeholder: todayIn(r.brand.timezone) },
            { name: 'description', label: 'Description (needed when negative)' },
          ]}
          run={(body) =>
            unwrap(api.POST('/v1/relationships/{id}/costs', { params: { path: { id: r.id } }, body: body as Schemas['CreateCostRequest'] }))
          }
          onDone={close}
          onCancel={close}
        />
      )}
    </FormToggle>
  );
  return (
    <Card title="Costs">
      {add && <div className="flex flex-wrap border-b border-slate-100 px-4 py-2">{add}</div>}
      <QueryState
        query={list}
        what="costs"
        isEmpty={(rows) => rows.length === 0}
        empty="No costs yet: retainers accrue from an active term; add products, bonuses and adjustments here."
      >
        {(rows) => (
          <>
            <Table
              caption="Costs"
              head={
                <>
                  <Th>Day</Th>
                  <Th>Kind</Th>
                  <Th>Description</Th>
                  <Th num>Amount</Th>
                </>
              }
            >
              {rows.map((c) => (
                <tr key={c.id}>
                  <Td>{day(c.incurredOn)}</Td>
                  <Td>{c.kind.replaceAll('_', ' ')}</Td>
                  <Td>{c.description ?? '—'}</Td>
                  <Td num>{exactMoney(c.amount, c.currency)}</Td>
                </tr>
              ))}
            </Table>
            <ShowMore list={list} what="costs" />
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** Discount codes and link slugs that attribute orders to this ambassador; create one here. */
export function Codes({ r }: { r: Detail }) {
  const canWrite = useCanWrite();
  const list = usePagedList(['tracking-codes', r.id], (cursor) =>
    unwrap(api.GET('/v1/tracking-codes', { params: { query: { relationshipId: r.id, cursor, limit: 200 as never } } })),
  );
  const create = canWrite && (
    <FormToggle label="New code or link">
      {(close) => (
        <ActionForm
          label="New code or link"
          submitLabel="Create"
          fields={[
            { name: 'kind', label: 'Kind', options: ['code', 'link'], defaultValue: 'code' },
            { name: 'code', label: 'Code or slug', placeholder: 'SUMMER-ANNA10' },
            { name: 'destinationUrl', label: 'Destination (links)', type: 'url', placeholder: 'https://shop.example.com/summer' },
          ]}
          run={(body) =>
            unwrap(
              api.POST('/v1/tracking-codes', {
                body: { ...(body as Omit<Schemas['CreateTrackingCodeRequest'], 'relationshipId'>), relationshipId: r.id },
              }),
            )
          }
          onDone={close}
          onCancel={close}
        />
      )}
    </FormToggle>
  );
  return (
    <Card title="Codes and links">
      {create && <div className="flex flex-wrap border-b border-slate-100 px-4 py-2">{create}</div>}
      <QueryState query={list} what="codes and links" isEmpty={(rows) => rows.length === 0} empty="No codes or links yet.">
        {(rows) => (
          <>
            <Table
              caption="Codes and links"
              head={
                <>
                  <Th>Code</Th>
                  <Th>Kind</Th>
                  <Th>Destination</Th>
                  <Th>Valid</Th>
                </>
              }
            >
              {rows.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <code className="font-mono text-xs">{c.code}</code>
                  </Td>
                  <Td>{c.kind}</Td>
                  <Td>{c.destinationUrl ?? '—'}</Td>
                  <Td>{c.validFrom || c.validTo ? `${day(c.validFrom)} – ${day(c.validTo)}` : 'always'}</Td>
                </tr>
              ))}
            </Table>
            <ShowMore list={list} what="codes and links" />
          </>
        )}
      </QueryState>
    </Card>
  );
}
