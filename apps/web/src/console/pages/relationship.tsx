import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ago, day, money, percent } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';
import { ActionButton, ReviewActions } from '../actions';
import { useCanWrite } from '../session';

type Detail = Schemas['RelationshipDetailView'];
const tabs = ['overview', 'terms', 'deliverables', 'activity'] as const;
type Tab = (typeof tabs)[number];
const tabLabels: Record<Tab, string> = {
  overview: 'Overview',
  terms: 'Contract terms',
  deliverables: 'Deliverables',
  activity: 'Activity',
};

/** One ambassador relationship (web.md): header, then tabs kept in the URL (?tab=) so links and Back land on them. */
export function RelationshipPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  const detail = useQuery({
    queryKey: ['relationship', id],
    queryFn: () => unwrap(api.GET('/v1/relationships/{id}', { params: { path: { id } } })),
  });
  useTitle(detail.data ? `${detail.data.influencer.name} × ${detail.data.brand.name}` : 'Relationship', tabLabels[tab]);
  return (
    <QueryState query={detail} what="the relationship" isEmpty={() => false} empty={null}>
      {(r) => (
        <div className="flex flex-col gap-4">
          <p className="text-sm">
            <Link className="text-indigo-700 hover:underline" to="/relationships">
              ← Relationships
            </Link>
          </p>
          <header className="flex flex-wrap items-baseline gap-3">
            <h1 className="text-lg font-semibold">
              {r.influencer.name} × {r.brand.name}
            </h1>
            {r.influencer.handle && <span className="text-slate-500">@{r.influencer.handle.replace(/^@/, '')}</span>}
            <span className="text-sm text-slate-600">{r.influencer.tier}</span>
            <Badge status={r.status} />
          </header>
          <nav aria-label="Relationship sections" className="flex gap-1 border-b border-slate-200">
            {tabs.map((t) => (
              <Link
                key={t}
                to={`?tab=${t}`}
                aria-current={t === tab ? 'page' : undefined}
                className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${t === tab ? 'border-indigo-600 font-medium text-indigo-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
              >
                {tabLabels[t]}
              </Link>
            ))}
          </nav>
          {tab === 'overview' && <Overview r={r} />}
          {tab === 'terms' && <Terms r={r} />}
          {tab === 'deliverables' && <Deliverables r={r} />}
          {tab === 'activity' && <Activity id={r.id} />}
        </div>
      )}
    </QueryState>
  );
}

function Overview({ r }: { r: Detail }) {
  const c = r.currentContract;
  const figures: [string, string][] = [
    ['Net revenue', money(r.figures.netRevenue, r.brand.currency)],
    ['Spend', money(r.figures.spend, r.brand.currency)],
    ['ROI', percent(r.figures.roi)],
    ['Conversions', String(r.figures.conversions)],
  ];
  return (
    <div className="flex flex-col gap-4">
      <Card title="All time">
        <dl className="grid grid-cols-4 divide-x divide-slate-100">
          {figures.map(([label, value]) => (
            <div key={label} className="px-4 py-3">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="num text-left text-lg font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Current term">
        {c ? (
          <p className="px-4 py-3 text-sm">
            Term {c.termNumber}, {day(c.startDate)} – {day(c.endDate)} ({c.timezone}) · retainer {money(c.retainerMonthly, c.currency)} a
            month · commission {percent(Number(c.commissionRate) / 100, false)} ·{' '}
            {c.autoRenew ? `renews itself for ${c.renewalTermMonths} months` : 'no auto-renew'}
          </p>
        ) : (
          <p className="px-4 py-3 text-sm text-slate-500">No active term.</p>
        )}
      </Card>
    </div>
  );
}

const call =
  (path: '/v1/contracts/{id}/activate' | '/v1/contracts/{id}/renew' | '/v1/contracts/{id}/cancel-auto-renew', id: string) => () =>
    unwrap(api.POST(path, { params: { path: { id } }, body: {} }));

function Terms({ r }: { r: Detail }) {
  const canWrite = useCanWrite();
  const chain = [...r.renewalChain].sort((a, b) => b.termNumber - a.termNumber);
  const current = r.currentContract;
  return (
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
            <tr key={t.id}>
              <Td>Term {t.termNumber}</Td>
              <Td>
                <Badge status={t.status} />
              </Td>
              <Td>{day(t.startDate)}</Td>
              <Td>{day(t.terminationDate ?? t.endDate)}</Td>
              {canWrite && (
                <Td>
                  <span className="flex gap-2">
                    {t.status === 'draft' && (
                      <ActionButton
                        variant="primary"
                        label="Activate"
                        confirm={`Activate term ${t.termNumber}? Its deliverables are planned from the plan.`}
                        run={call('/v1/contracts/{id}/activate', t.id)}
                      />
                    )}
                    {t.status === 'active' && (
                      <ActionButton
                        label="Renew"
                        confirm={`Draft term ${t.termNumber + 1}?`}
                        run={call('/v1/contracts/{id}/renew', t.id)}
                      />
                    )}
                    {t.status === 'active' && current?.id === t.id && current.autoRenew && (
                      <ActionButton
                        variant="danger"
                        label="Cancel auto-renew"
                        confirm="Stop this term from renewing itself?"
                        run={call('/v1/contracts/{id}/cancel-auto-renew', t.id)}
                      />
                    )}
                  </span>
                </Td>
              )}
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

function Deliverables({ r }: { r: Detail }) {
  const canWrite = useCanWrite();
  const list = useQuery({
    queryKey: ['deliverables', 'relationship', r.id],
    queryFn: () => unwrap(api.GET('/v1/deliverables', { params: { query: { relationshipId: r.id, limit: 200 as never } } })),
  });
  return (
    <Card title="Deliverables">
      <QueryState
        query={list}
        what="deliverables"
        isEmpty={(l) => l.data.length === 0}
        empty="No deliverables: activating a term plans them from its plan."
      >
        {(l) => (
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
            {[...l.data]
              .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
              .map((d) => (
                <tr key={d.id}>
                  <Td>{day(d.dueDate)}</Td>
                  <Td>
                    {d.type} · {d.platform}
                  </Td>
                  <Td>
                    <Badge status={d.status} /> {d.overdue && <span className="text-xs font-medium text-red-700">overdue</span>}
                  </Td>
                  <Td num>{money(d.fee, d.currency)}</Td>
                  {canWrite && <Td>{d.status === 'submitted' ? <ReviewActions deliverableId={d.id} /> : null}</Td>}
                </tr>
              ))}
          </Table>
        )}
      </QueryState>
    </Card>
  );
}

function Activity({ id }: { id: string }) {
  const list = useQuery({
    queryKey: ['activity', id],
    queryFn: () => unwrap(api.GET('/v1/relationships/{id}/activity', { params: { path: { id }, query: { limit: 100 as never } } })),
  });
  return (
    <Card title="Activity">
      <QueryState query={list} what="activity" isEmpty={(l) => l.data.length === 0} empty="Nothing happened yet.">
        {(l) => (
          <ol className="divide-y divide-slate-100 text-sm">
            {l.data.map((a) => (
              <li key={a.id} className="flex justify-between px-4 py-2">
                <span>
                  {a.entityType} {a.action.replaceAll('_', ' ')}
                </span>
                <time dateTime={a.createdAt} className="text-slate-500">
                  {ago(a.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </Card>
  );
}
