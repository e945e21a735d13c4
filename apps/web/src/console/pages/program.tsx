import { queryOptions, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { addDays, fiscalQuarter, todayIn } from '../../lib/dates';
import { ago, day, money, percent, renewalLength } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Sparkline } from '../../ui/sparkline';
import { Card } from '../../ui/card';
import { countOf, pagedList, ShowMore } from '../../ui/show-more';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';
import { ActionButton, ReviewActions } from '../actions';
import { brandsQuery, useBrands } from '../brands';
import { useCanWrite } from '../session';

type Brand = Schemas['BrandView'];
type Deliverable = Schemas['DeliverableView'];

const RENEWAL_WINDOW_DAYS = 90;
/** The most the API lists in a page; the roi-trends route takes as many relationships. */
const RENEWALS_SHOWN = 200;
/** A notice deadline this close (or past) is flagged. */
const NOTICE_WARNING_DAYS = 14;

const currentQuarter = (brand: Brand) => fiscalQuarter(todayIn(brand.timezone), brand.fiscalYearStartMonth);

/** The quarter's headline only: one ranked row (`limit`), totals stay complete (a 10,000-row report is ~7 MB). */
function headlineQuery(brand: Brand, quarter = currentQuarter(brand)) {
  return queryOptions({
    queryKey: ['report', brand.id, quarter, 1],
    queryFn: () =>
      unwrap(
        api.GET('/v1/reports/quarterly', {
          params: { query: { brandId: brand.id, quarter, limit: 1 }, header: { accept: 'application/json' } },
        }),
      ),
  });
}

function renewalsQuery() {
  const until = addDays(todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone), RENEWAL_WINDOW_DAYS);
  return queryOptions({
    queryKey: ['contracts', 'ending', until],
    queryFn: () =>
      unwrap(api.GET('/v1/contracts', { params: { query: { status: 'active', endingBefore: until, limit: RENEWALS_SHOWN as never } } })),
  });
}

const reviewQuery = pagedList(['deliverables', 'submitted'], (cursor) =>
  unwrap(api.GET('/v1/deliverables', { params: { query: { status: ['submitted'], cursor, limit: 200 as never } } })),
);

const overdueQuery = pagedList(['deliverables', 'overdue'], (cursor) =>
  unwrap(api.GET('/v1/deliverables', { params: { query: { overdue: true, cursor, limit: 200 as never } } })),
);

/** The route's loader: every list of the page at once, each brand's headline as soon as the brands are known. */
export function prefetchProgram(client: QueryClient): void {
  void client.ensureQueryData(brandsQuery).then(
    (brands) => brands.data.forEach((brand) => void client.prefetchQuery(headlineQuery(brand))),
    () => undefined,
  );
  void client.prefetchQuery(renewalsQuery());
  void client.prefetchInfiniteQuery(reviewQuery);
  void client.prefetchInfiniteQuery(overdueQuery);
}

/** Home of the console (web.md): the quarter per brand, renewals ahead, what waits for review, what is late. */
export function ProgramPage() {
  useTitle('Program');
  const brands = useBrands();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-lg font-semibold">Program</h1>
      <QueryState
        query={brands}
        what="brands"
        isEmpty={(b) => b.data.length === 0}
        empty="No brands yet: a brand is the first thing to set up (POST /v1/brands)."
      >
        {(b) => b.data.map((brand) => <Headline key={brand.id} brand={brand} />)}
      </QueryState>
      <Renewals />
      <ReviewQueue />
      <Overdue />
    </div>
  );
}

function Headline({ brand }: { brand: Brand }) {
  const quarter = currentQuarter(brand);
  const report = useQuery(headlineQuery(brand, quarter));
  const r = report.data;
  const figures: [string, string][] = r
    ? [
        ['Net revenue', money(r.totals.netRevenue, brand.currency)],
        ['Spend', money(r.totals.spend, brand.currency)],
        ['ROI', percent(r.totals.roi)],
        ['Pending commission', money(r.pendingCommission, brand.currency)],
      ]
    : [];
  const title = (
    <>
      {brand.name} <span className="font-normal text-slate-500">{quarter}</span>
      {r && !r.closed && (
        <span className="font-normal text-slate-500">
          {' '}
          (in progress{r.accruedThrough ? `, accrued through ${day(r.accruedThrough)}` : ''})
        </span>
      )}
    </>
  );
  return (
    <Card title={title}>
      <QueryState query={report} what={`the ${quarter} figures`} isEmpty={() => false} empty={null}>
        {() => (
          <dl className="grid grid-cols-4 divide-x divide-slate-100">
            {figures.map(([label, value]) => (
              <div key={label} className="px-4 py-3">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="num text-left text-lg font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </QueryState>
    </Card>
  );
}

const influencerCell = (i: Schemas['InfluencerRefView'], relationshipId: string) => (
  <Link className="font-medium text-indigo-800 hover:underline" to={`/relationships/${relationshipId}`}>
    {i.name}
    {i.handle && <span className="ml-1 font-normal text-slate-500">@{i.handle.replace(/^@/, '')}</span>}
  </Link>
);

function Renewals() {
  const canWrite = useCanWrite();
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const contracts = useQuery(renewalsQuery());
  const ids = [...new Set(contracts.data?.data.map((c) => c.relationshipId) ?? [])].sort();
  const trends = useQuery({
    queryKey: ['roi-trends', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const { data } = await unwrap(api.GET('/v1/relationships/roi-trends', { params: { query: { relationshipId: ids } } }));
      return new Map(data.map((t) => [t.relationshipId, t.points]));
    },
  });
  return (
    <Card title={`Renewals in the next ${RENEWAL_WINDOW_DAYS} days`}>
      <QueryState query={contracts} what="renewals" isEmpty={(c) => c.data.length === 0} empty="No active term ends in the next 90 days.">
        {(c) => (
          <Table
            caption="Terms ending in the next 90 days"
            head={
              <>
                <Th>Ambassador</Th>
                <Th>Brand</Th>
                <Th>Ends</Th>
                <Th>Notice by</Th>
                <Th>Auto-renew</Th>
                <Th>ROI by quarter</Th>
                {canWrite && <Th>Actions</Th>}
              </>
            }
          >
            {[...c.data]
              .sort((a, b) => a.endDate.localeCompare(b.endDate))
              .map((contract) => {
                const notice = addDays(contract.endDate, -contract.noticePeriodDays);
                const urgent = notice <= addDays(today, NOTICE_WARNING_DAYS);
                return (
                  <tr key={contract.id}>
                    <Td>{influencerCell(contract.influencer, contract.relationshipId)}</Td>
                    <Td>{contract.brand.name}</Td>
                    <Td>
                      <span className="whitespace-nowrap">{day(contract.endDate)}</span>
                    </Td>
                    <Td>
                      <span className={`whitespace-nowrap ${urgent ? 'font-medium text-red-700' : ''}`}>
                        {day(notice)}
                        {urgent && ' ⚠'}
                      </span>
                    </Td>
                    <Td>{contract.autoRenew ? `yes, ${renewalLength(contract.renewalTermMonths)}` : 'no'}</Td>
                    <Td>
                      <RoiTrend points={trends.data?.get(contract.relationshipId)} failed={trends.isError} />
                    </Td>
                    {canWrite && (
                      <Td>
                        <span className="flex flex-wrap gap-2">
                          <ActionButton
                            label="Renew"
                            confirm={`Draft a renewal of ${contract.influencer.name}'s term?`}
                            run={() => unwrap(api.POST('/v1/contracts/{id}/renew', { params: { path: { id: contract.id } }, body: {} }))}
                          />
                          {contract.autoRenew && (
                            <ActionButton
                              variant="danger"
                              label="Cancel auto-renew"
                              confirm={`Stop ${contract.influencer.name}'s term from renewing itself on ${day(contract.endDate)}?`}
                              run={() =>
                                unwrap(
                                  api.POST('/v1/contracts/{id}/cancel-auto-renew', { params: { path: { id: contract.id } }, body: {} }),
                                )
                              }
                            />
                          )}
                        </span>
                      </Td>
                    )}
                  </tr>
                );
              })}
          </Table>
        )}
      </QueryState>
      {contracts.data?.nextCursor && (
        <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
          The {RENEWALS_SHOWN} soonest are shown.{' '}
          <Link className="text-indigo-800 hover:underline" to="/relationships?status=active&sort=termEnd">
            Every active relationship by term end
          </Link>
        </p>
      )}
    </Card>
  );
}

/** The relationship's ROI in its brand's last four quarters (the current one last, in progress). */
function RoiTrend({ points, failed }: { points?: Schemas['RoiPointView'][]; failed: boolean }) {
  if (failed) return <span className="text-xs text-slate-500">not available</span>;
  if (!points) return <span className="text-slate-400">…</span>;
  const label = `ROI ${points.map((p) => `${p.quarter} ${percent(p.roi)}`).join(', ')}`;
  return (
    <span className="inline-flex items-center gap-2">
      <Sparkline values={points.map((p) => p.roi)} label={label} />
      <span className="num text-xs text-slate-600">{percent(points.at(-1)?.roi)}</span>
    </span>
  );
}

function DeliverableTable({
  caption,
  rows,
  actions,
}: {
  caption: string;
  rows: Deliverable[];
  actions?: (d: Deliverable) => React.ReactNode;
}) {
  return (
    <Table
      caption={caption}
      head={
        <>
          <Th>Ambassador</Th>
          <Th>Deliverable</Th>
          <Th>Due</Th>
          <Th>Status</Th>
          <Th>Content</Th>
          {actions && <Th>Actions</Th>}
        </>
      }
    >
      {rows.map((d) => (
        <tr key={d.id}>
          <Td>{influencerCell(d.influencer, d.relationshipId)}</Td>
          <Td>
            {d.type} · {d.platform} <span className="text-slate-500">({d.brand.name})</span>
          </Td>
          <Td>{day(d.dueDate)}</Td>
          <Td>
            <Badge status={d.status} /> {d.submittedAt && <span className="text-xs text-slate-500">{ago(d.submittedAt)}</span>}
          </Td>
          <Td>
            {d.contentUrl ? (
              <a className="text-indigo-700 underline" href={d.contentUrl} target="_blank" rel="noreferrer">
                open draft
              </a>
            ) : (
              '—'
            )}
          </Td>
          {actions && <Td>{actions(d)}</Td>}
        </tr>
      ))}
    </Table>
  );
}

function ReviewQueue() {
  const canWrite = useCanWrite();
  const submitted = useInfiniteQuery(reviewQuery);
  return (
    <Card title={`Waiting for your review${countOf(submitted)}`}>
      <QueryState query={submitted} what="the review queue" isEmpty={(rows) => rows.length === 0} empty="Nothing waits for review.">
        {(rows) => (
          <>
            <DeliverableTable
              caption="Submitted deliverables"
              rows={rows}
              actions={canWrite ? (d) => <ReviewActions deliverableId={d.id} /> : undefined}
            />
            <ShowMore list={submitted} what="deliverables" />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function Overdue() {
  const overdue = useInfiniteQuery(overdueQuery);
  return (
    <Card title={`Overdue${countOf(overdue)}`}>
      <QueryState query={overdue} what="overdue deliverables" isEmpty={(rows) => rows.length === 0} empty="Nothing is overdue.">
        {(rows) => (
          <>
            <DeliverableTable caption="Overdue deliverables" rows={rows} />
            <ShowMore list={overdue} what="deliverables" />
          </>
        )}
      </QueryState>
    </Card>
  );
}
