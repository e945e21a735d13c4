import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ProblemError, unwrap, type Schemas } from '../../api/client';
import { fiscalQuarter, quartersBack, todayIn } from '../../lib/dates';
import { day, money, percent } from '../../lib/format';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { SelectField } from '../../ui/select';
import { Empty, QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';
import { useCanWrite } from '../session';
import { useUrlState } from '../url-state';
import { useBrands } from '../brands';

type Brand = Schemas['BrandView'];
type Report = Schemas['QuarterlyReportView'];

/** Rows of the ranked table per step: the report's `?limit=` keeps a 10,000-relationship quarter light. */
const ROWS_STEP = 25;
const QUARTERS_OFFERED = 8;

/** `/reports?brand=&quarter=&rows=`: the quarterly report of one brand, its CSV, sending it and sharing it. */
export function ReportsPage() {
  const [params, set] = useUrlState();
  const brands = useBrands();
  const list = brands.data?.data ?? [];
  const brand = list.find((b) => b.id === params.get('brand')) ?? list[0];
  const current = brand && fiscalQuarter(todayIn(brand.timezone), brand.fiscalYearStartMonth);
  const quarter = params.get('quarter') ?? current;
  useTitle(brand && quarter ? `${brand.name} ${quarter}` : undefined, 'Reports');
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">Reports</h1>
      <QueryState query={brands} what="brands" isEmpty={(b) => b.data.length === 0} empty="No brands yet: create one in Settings › Brands.">
        {() =>
          brand &&
          quarter && (
            <>
              <div className="flex flex-wrap items-end gap-3">
                <SelectField label="Brand" value={brand.id} onChange={(e) => set({ brand: e.target.value, quarter: undefined })}>
                  {list.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField label="Quarter" value={quarter} onChange={(e) => set({ brand: brand.id, quarter: e.target.value })}>
                  {quartersBack(current!, QUARTERS_OFFERED).map((q) => (
                    <option key={q} value={q}>
                      {q}
                      {q === current ? ' (current)' : ''}
                    </option>
                  ))}
                </SelectField>
              </div>
              <QuarterlyReport
                key={`${brand.id}/${quarter}`}
                brand={brand}
                quarter={quarter}
                rows={Number(params.get('rows')) || ROWS_STEP}
                showRows={(n) => set({ brand: brand.id, quarter, rows: String(n) })}
              />
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function QuarterlyReport({
  brand,
  quarter,
  rows,
  showRows,
}: {
  brand: Brand;
  quarter: string;
  rows: number;
  showRows: (n: number) => void;
}) {
  const report = useQuery({
    queryKey: ['report', brand.id, quarter, rows],
    queryFn: () =>
      unwrap(
        api.GET('/v1/reports/quarterly', {
          params: { query: { brandId: brand.id, quarter, limit: rows }, header: { accept: 'application/json' } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <ReportActions brand={brand} quarter={quarter} />
      <QueryState query={report} what={`the ${quarter} report`} isEmpty={() => false} empty={null}>
        {(r) => (
          <>
            <Headline report={r} />
            <Tiers report={r} />
            <Ranked report={r} more={() => showRows(rows + ROWS_STEP)} />
          </>
        )}
      </QueryState>
    </>
  );
}

function Headline({ report: r }: { report: Report }) {
  const c = r.brand.currency;
  const figures: [string, string][] = [
    ['Net revenue', money(r.totals.netRevenue, c)],
    ['Spend', money(r.totals.spend, c)],
    ['ROI', percent(r.totals.roi)],
    ['EMV', money(r.totals.emv, c)],
    ['Conversions', r.totals.conversions.toLocaleString()],
    ['Pending commission', money(r.pendingCommission, c)],
  ];
  const status = r.closed
    ? `closed${r.snapshotCreatedAt ? ', from the quarter-end snapshot' : ''}`
    : `in progress${r.accruedThrough ? `, accrued through ${day(r.accruedThrough)}` : ''}`;
  return (
    <Card
      title={
        <>
          {r.brand.name} {r.quarter}{' '}
          <span className="font-normal text-slate-500">
            {day(r.period.from)} – {day(r.period.to)} ({r.brand.timezone}), {status}
          </span>
        </>
      }
    >
      <dl className="grid grid-cols-6 divide-x divide-slate-100">
        {figures.map(([label, value]) => (
          <div key={label} className="px-4 py-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="num text-left text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function Tiers({ report: r }: { report: Report }) {
  const c = r.brand.currency;
  return (
    <Card title="By tier">
      <Table
        caption="Figures by tier"
        head={
          <>
            <Th>Tier</Th>
            <Th num>Relationships</Th>
            <Th num>Net revenue</Th>
            <Th num>Spend</Th>
            <Th num>ROI</Th>
          </>
        }
      >
        {r.tiers.map((t) => (
          <tr key={t.tier}>
            <Td>{t.tier}</Td>
            <Td num>{t.relationships}</Td>
            <Td num>{money(t.figures.netRevenue, c)}</Td>
            <Td num>{money(t.figures.spend, c)}</Td>
            <Td num>{percent(t.figures.roi)}</Td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

function Ranked({ report: r, more }: { report: Report; more: () => void }) {
  const c = r.brand.currency;
  const total = r.totals.relationships;
  return (
    <Card title={`Relationships, best ROI first (${r.relationships.length} of ${total})`}>
      {total === 0 ? (
        <Empty>No relationship had activity in this quarter.</Empty>
      ) : (
        <>
          <Table
            caption="Relationships ranked by ROI"
            head={
              <>
                <Th num>#</Th>
                <Th>Ambassador</Th>
                <Th>Tier</Th>
                <Th num>Net revenue</Th>
                <Th num>Spend</Th>
                <Th num>ROI</Th>
                <Th num>Deliverables on time</Th>
              </>
            }
          >
            {r.relationships.map((row) => (
              <tr key={row.relationshipId}>
                <Td num>{row.rank}</Td>
                <Td>
                  <Link className="font-medium text-indigo-800 hover:underline" to={`/relationships/${row.relationshipId}`}>
                    {row.influencer.name}
                  </Link>
                </Td>
                <Td>{row.influencer.tier}</Td>
                <Td num>{money(row.figures.netRevenue, c)}</Td>
                <Td num>{money(row.figures.spend, c)}</Td>
                <Td num>{percent(row.figures.roi)}</Td>
                <Td num>
                  {row.deliverables.onTime} / {row.deliverables.due}
                </Td>
              </tr>
            ))}
          </Table>
          {r.relationships.length < total && (
            <div className="flex justify-end border-t border-slate-100 px-4 py-2">
              <Button onClick={more}>Show {Math.min(ROWS_STEP, total - r.relationships.length)} more</Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

/** The whole table as CSV (every row, whatever the page shows): fetched with the session, saved as the API names it. */
async function downloadCsv(brand: Brand, quarter: string): Promise<void> {
  const query = new URLSearchParams({ brandId: brand.id, quarter });
  const response = await fetch(`/v1/reports/quarterly?${query}`, { headers: { accept: 'text/csv' }, credentials: 'same-origin' });
  if (!response.ok)
    throw new ProblemError({
      type: 'about:blank',
      title: response.statusText,
      status: response.status,
      detail: `The server answered ${response.status}`,
    });
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: `${brand.name} ${quarter}.csv` });
  link.click();
  URL.revokeObjectURL(url);
}

function ReportActions({ brand, quarter }: { brand: Brand; quarter: string }) {
  const canWrite = useCanWrite();
  const csv = useMutation({ mutationFn: () => downloadCsv(brand, quarter) });
  const send = useMutation({ mutationFn: () => unwrap(api.POST('/v1/reports/quarterly/send', { body: { brandId: brand.id, quarter } })) });
  const share = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/reports/quarterly/share', { body: { brandId: brand.id, quarter, expiresInDays: 7 } })),
  });
  const problem = csv.error ?? send.error ?? share.error;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => csv.mutate()} disabled={csv.isPending}>
          Download CSV
        </Button>
        <a
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-slate-50"
          href={`/v1/reports/quarterly/view?${new URLSearchParams({ brandId: brand.id, quarter })}`}
          target="_blank"
          rel="noreferrer"
        >
          Open the printable page
        </a>
        {canWrite && (
          <>
            <Button onClick={() => send.mutate()} disabled={send.isPending}>
              Email to the brand's managers
            </Button>
            <Button onClick={() => share.mutate()} disabled={share.isPending}>
              Create a share link
            </Button>
          </>
        )}
      </div>
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem.message}
        </p>
      )}
      {send.data && (
        <p role="status" className="text-sm text-green-800">
          Queued: the {send.data.quarter} report is on its way to {brand.name}'s managers by email.
        </p>
      )}
      {share.data && <ShareLink link={share.data} />}
    </div>
  );
}

function ShareLink({ link }: { link: Schemas['SharedReportLinkView'] }) {
  const copy = useMutation({ mutationFn: () => navigator.clipboard.writeText(link.url) });
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
      <p>Anyone with this link can see the report until {new Date(link.expiresAt).toLocaleString()}. It is shown only once:</p>
      <div className="flex gap-2">
        <input
          readOnly
          aria-label="Share link"
          value={link.url}
          className="flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
          onFocus={(e) => e.target.select()}
        />
        <Button onClick={() => copy.mutate()}>{copy.isSuccess ? 'Copied' : 'Copy'}</Button>
      </div>
    </div>
  );
}
