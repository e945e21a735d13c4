import { Fragment, useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { todayIn } from '../../lib/dates';
import { day, exactMoney, percent, renewalLength } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ShowMore, usePagedList } from '../../ui/show-more';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { ActionForm } from '../action-form';
import { ActionButton, ReviewActions } from '../actions';
import { useCanWrite } from '../session';

type Detail = Schemas['RelationshipDetailView'];
type Term = Detail['renewalChain'][number];

const call =
  (
    path:
      '/v1/contracts/{id}/activate' | '/v1/contracts/{id}/renew' | '/v1/contracts/{id}/cancel-auto-renew' | '/v1/contracts/{id}/send-terms',
    id: string,
  ) =>
  () =>
    unwrap(api.POST(path, { params: { path: { id } }, body: {} }));

/**
 * The contract chain, newest first, with the actions each status allows (docs/contracts.md): activate a draft;
 * renew, cancel auto-renew or terminate the active term. Terminate asks for the last day in force (within the
 * term; blank: today in the brand's zone) and a reason, and confirms first.
 */
export function Terms({ r }: { r: Detail }) {
  const canWrite = useCanWrite();
  const [terminating, setTerminating] = useState<string | null>(null);
  const chain = [...r.renewalChain].sort((a, b) => b.termNumber - a.termNumber);
  const current = r.currentContract;
  const columns = canWrite ? 5 : 4;
  return (
    <div className="flex flex-col gap-4">
      {current && <CurrentTerm c={current} />}
      <Card title="Contract terms, newest first">
        {chain.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">No contract terms yet (POST /v1/contracts).</p>
        ) : (
          <Table
            caption="Contract terms"
            head={
              <>
                <Th>Term</Th>
                <Th>Status</Th>
                <Th>Starts</Th>
                <Th>Ends</Th>
                {canWrite && <Th>Actions</Th>}
              </>
            }
          >
            {chain.map((t) => (
              <Fragment key={t.id}>
                <tr>
                  <Td>Term {t.termNumber}</Td>
                  <Td>
                    <Badge status={t.status} />
                  </Td>
                  <Td>{day(t.startDate)}</Td>
                  <Td>{t.terminationDate ? `${day(t.terminationDate)} (terminated)` : day(t.endDate)}</Td>
                  {canWrite && (
                    <Td>
                      <TermActions t={t} autoRenew={current?.id === t.id && current.autoRenew} terminate={() => setTerminating(t.id)} />
                    </Td>
                  )}
                </tr>
                {terminating === t.id && (
                  <tr>
                    <td colSpan={columns}>
                      <ActionForm
                        label={`Terminate term ${t.termNumber}`}
                        submitLabel={`Terminate term ${t.termNumber}`}
                        danger
                        confirm={`Terminate term ${t.termNumber}? Deliverables due after the last day are cancelled; this cannot be undone.`}
                        fields={[
                          {
                            name: 'effectiveDate',
                            label: `Last day in force (blank: today, ${r.brand.timezone})`,
                            type: 'date',
                            placeholder: todayIn(r.brand.timezone),
                          },
                          { name: 'reason', label: 'Reason', required: true, placeholder: 'Brand strategy changed' },
                        ]}
                        run={(body) =>
                          unwrap(
                            api.POST('/v1/contracts/{id}/terminate', {
                              params: { path: { id: t.id } },
                              body: body as Schemas['TerminateContractRequest'],
                            }),
                          )
                        }
                        onDone={() => setTerminating(null)}
                        onCancel={() => setTerminating(null)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}

function TermActions({ t, autoRenew, terminate }: { t: Term; autoRenew: boolean; terminate: () => void }) {
  return (
    <span className="flex flex-wrap gap-2">
      {t.status === 'draft' && (
        <>
          <ActionButton
            label="Send terms"
            confirm={`Email term ${t.termNumber} to the ambassador to read and accept in the portal?`}
            run={call('/v1/contracts/{id}/send-terms', t.id)}
          />
          <ActionButton
            variant="primary"
            label="Activate"
            confirm={`Activate term ${t.termNumber}? Its deliverables are planned from the plan.`}
            run={call('/v1/contracts/{id}/activate', t.id)}
          />
        </>
      )}
      {t.status === 'active' && (
        <>
          <ActionButton label="Renew" confirm={`Draft term ${t.termNumber + 1}?`} run={call('/v1/contracts/{id}/renew', t.id)} />
          {autoRenew && (
            <ActionButton
              variant="danger"
              label="Cancel auto-renew"
              confirm="Stop this term from renewing itself?"
              run={call('/v1/contracts/{id}/cancel-auto-renew', t.id)}
            />
          )}
          <Button variant="danger" onClick={terminate}>
            Terminate…
          </Button>
        </>
      )}
    </span>
  );
}

function CurrentTerm({ c }: { c: Schemas['ContractView'] }) {
  const facts: [string, string][] = [
    ['Term', `${c.termNumber}: ${day(c.startDate)} – ${day(c.endDate)} (${c.timezone})`],
    ['Retainer', `${exactMoney(c.retainerMonthly, c.currency)} a month`],
    ['Fee per deliverable', exactMoney(c.feePerDeliverable, c.currency)],
    ['Commission', percent(Number(c.commissionRate) / 100, false)],
    ['Renewal', c.autoRenew ? `renews itself ${renewalLength(c.renewalTermMonths)}, notice ${c.noticePeriodDays} days` : 'no auto-renew'],
  ];
  // The record of the ambassador's acceptance in the portal (docs/portal.md): who, when, from where, and what they saw.
  const accepted = c.termsAcceptance;
  if (accepted)
    facts.push([
      'Terms accepted',
      `by ${accepted.name} on ${day(accepted.acceptedAt.slice(0, 10))} at ${accepted.acceptedAt.slice(11, 16)} UTC` +
        ` from ${accepted.ip ?? 'an unknown address'}; terms SHA-256 ${accepted.termsSha256.slice(0, 12)}…`,
    ]);
  else if (c.status === 'draft') facts.push(['Terms accepted', 'not yet (Send terms emails them to the ambassador)']);
  return (
    <Card title="Current term">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 px-4 py-3 text-sm">
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </Card>
  );
}

export function Deliverables({ r }: { r: Detail }) {
  const canWrite = useCanWrite();
  // In due-date order from the API, a page at a time: a long program plans hundreds.
  const list = usePagedList(['deliverables', 'relationship', r.id], (cursor) =>
    unwrap(api.GET('/v1/deliverables', { params: { query: { relationshipId: r.id, cursor, limit: 200 as never } } })),
  );
  return (
    <Card title="Deliverables">
      <QueryState
        query={list}
        what="deliverables"
        isEmpty={(rows) => rows.length === 0}
        empty="No deliverables: activating a term plans them from its plan."
      >
        {(rows) => (
          <>
            <Table
              caption="Deliverables"
              head={
                <>
                  <Th>Due</Th>
                  <Th>Deliverable</Th>
                  <Th>Status</Th>
                  <Th num>Fee</Th>
                  {canWrite && <Th>Actions</Th>}
                </>
              }
            >
              {rows.map((d) => (
                <tr key={d.id}>
                  <Td>{day(d.dueDate)}</Td>
                  <Td>
                    {d.type} · {d.platform}
                  </Td>
                  <Td>
                    <Badge status={d.status} /> {d.overdue && <span className="text-xs font-medium text-red-700">overdue</span>}
                  </Td>
                  <Td num>{exactMoney(d.fee, d.currency)}</Td>
                  {canWrite && <Td>{d.status === 'submitted' ? <ReviewActions deliverableId={d.id} /> : null}</Td>}
                </tr>
              ))}
            </Table>
            <ShowMore list={list} what="deliverables" />
          </>
        )}
      </QueryState>
    </Card>
  );
}
