import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ago, money, percent } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { ShowMore, usePagedList } from '../../ui/show-more';
import { Loading, QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';
import { Codes, Conversions, Costs } from '../relationship/ledgers';
import { Deliverables, Terms } from '../relationship/terms';
import { useMe } from '../session';

// uPlot and its CSS load with the overview only: the rest of the console does without them.
const PerformanceChart = lazy(() => import('../relationship/performance-chart'));

type Detail = Schemas['RelationshipDetailView'];
const tabs = ['overview', 'terms', 'deliverables', 'conversions', 'costs', 'codes', 'activity'] as const;
type Tab = (typeof tabs)[number];
const tabLabels: Record<Tab, string> = {
  overview: 'Overview',
  terms: 'Contract terms',
  deliverables: 'Deliverables',
  conversions: 'Conversions',
  costs: 'Costs',
  codes: 'Codes and links',
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
          {tab === 'conversions' && <Conversions r={r} />}
          {tab === 'costs' && <Costs r={r} />}
          {tab === 'codes' && <Codes r={r} />}
          {tab === 'activity' && <Activity id={r.id} ambassador={r.influencer.name} />}
        </div>
      )}
    </QueryState>
  );
}

function Overview({ r }: { r: Detail }) {
  const figures: [string, string][] = [
    ['Net revenue', money(r.figures.netRevenue, r.brand.currency)],
    ['Spend', money(r.figures.spend, r.brand.currency)],
    ['ROI', percent(r.figures.roi)],
    ['Conversions', String(r.figures.conversions)],
    ['Pending commission', money(r.pendingCommission, r.brand.currency)],
  ];
  return (
    <div className="flex flex-col gap-4">
      <Card title="All time">
        <dl className="grid grid-cols-5 divide-x divide-slate-100">
          {figures.map(([label, value]) => (
            <div key={label} className="px-4 py-3">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="num text-left text-lg font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <MonthlyPerformance id={r.id} />
    </div>
  );
}

/** The last twelve months from the rollups: a chart, and the same figures in a table. */
function MonthlyPerformance({ id }: { id: string }) {
  const performance = useQuery({
    queryKey: ['performance', id, 'month'],
    queryFn: () => unwrap(api.GET('/v1/relationships/{id}/performance', { params: { path: { id }, query: { granularity: 'month' } } })),
  });
  return (
    <Card title="The last twelve months">
      <QueryState query={performance} what="the monthly figures" isEmpty={(p) => p.series.length === 0} empty="No figures yet.">
        {(p) => (
          <>
            <Suspense fallback={<Loading what="the chart" />}>
              <PerformanceChart series={p.series} currency={p.currency} />
            </Suspense>
            <Table
              caption="Monthly figures"
              head={
                <>
                  <Th>Month</Th>
                  <Th num>Conversions</Th>
                  <Th num>Net revenue</Th>
                  <Th num>Spend</Th>
                  <Th num>ROI</Th>
                </>
              }
            >
              {[...p.series].reverse().map((point) => (
                <tr key={point.period}>
                  <Td>{point.period}</Td>
                  <Td num>{point.conversions}</Td>
                  <Td num>{money(point.netRevenue, p.currency)}</Td>
                  <Td num>{money(point.spend, p.currency)}</Td>
                  <Td num>{percent(point.roi)}</Td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** Who did it, as far as a manager can tell: the ambassador (in the portal), you, a colleague, an API key, or the product itself. */
function actorOf(a: Schemas['ActivityView'], ambassador: string, me: string | undefined): string {
  if (a.actorInfluencerId) return `${ambassador} (ambassador, in the portal)`;
  if (a.actorUserId) return a.actorUserId === me ? 'you' : 'a colleague';
  return a.actorApiKeyId ? 'an API key' : 'the system';
}

function Activity({ id, ambassador }: { id: string; ambassador: string }) {
  const me = useMe().data?.user?.id;
  const list = usePagedList(['activity', id], (cursor) =>
    unwrap(api.GET('/v1/relationships/{id}/activity', { params: { path: { id }, query: { cursor, limit: 100 as never } } })),
  );
  return (
    <Card title="Activity">
      <QueryState query={list} what="activity" isEmpty={(rows) => rows.length === 0} empty="Nothing happened yet.">
        {(rows) => (
          <>
            <ol className="divide-y divide-slate-100 text-sm">
              {rows.map((a) => (
                <li key={a.id} className="flex justify-between px-4 py-2">
                  <span>
                    {a.entityType} {a.action.replaceAll('_', ' ')} <span className="text-slate-500">by {actorOf(a, ambassador, me)}</span>
                  </span>
                  <time dateTime={a.createdAt} className="text-slate-500">
                    {ago(a.createdAt)}
                  </time>
                </li>
              ))}
            </ol>
            <ShowMore list={list} what="activity" />
          </>
        )}
      </QueryState>
    </Card>
  );
}
