import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import {
  pathsV1RelationshipsGetParametersQuerySortValues as sorts,
  pathsV1RelationshipsGetParametersQueryStatusValues as statuses,
} from '../../api/enums';
import type { paths } from '../../api/schema';
import { day, percent } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { Pager } from '../../ui/pager';
import { SearchForm } from '../../ui/search-form';
import { FilterSelect } from '../../ui/select';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';
import { brandsQuery, useBrands } from '../brands';
import { useUrlState } from '../url-state';

type Sort = NonNullable<NonNullable<paths['/v1/relationships']['get']['parameters']['query']>['sort']>;
type SortKey = Exclude<Sort, `-${string}`>;
type Status = (typeof statuses)[number];
const DEFAULT_SORT: Sort = '-createdAt';
const isSort = (value: string | null): value is Sort => sorts.includes(value as Sort);
const PAGE_SIZE = 50;

/** The list the address asks for: filters, search, sort and page cursor. */
function listOf(params: URLSearchParams) {
  return {
    brandId: params.get('brand') ?? undefined,
    status: (params.get('status') as Status | null) ?? undefined,
    q: params.get('q') ?? undefined,
    sort: isSort(params.get('sort')) ? (params.get('sort') as Sort) : DEFAULT_SORT,
    cursor: params.get('cursor') ?? undefined,
  };
}

function listQuery(list: ReturnType<typeof listOf>) {
  const { brandId, status, q, sort, cursor } = list;
  return queryOptions({
    queryKey: ['relationships', brandId, status, q, sort, cursor],
    queryFn: () =>
      unwrap(api.GET('/v1/relationships', { params: { query: { brandId, status, q, sort, cursor, limit: PAGE_SIZE as never } } })),
  });
}

/** The route's loader: the list and the brands of its filter, alongside the session check. */
export function prefetchRelationships(client: QueryClient, params: URLSearchParams): void {
  void client.prefetchQuery(listQuery(listOf(params)));
  void client.prefetchQuery(brandsQuery);
}

/** Every ambassador relationship; filters, search, sort and the page cursor live in the URL, so links and Back work. */
export function RelationshipsPage() {
  useTitle('Relationships');
  const [params, set] = useUrlState();
  const shown = listOf(params);
  const { brandId, status, q, sort, cursor } = shown;
  const brands = useBrands();
  const list = useQuery({ ...listQuery(shown), placeholderData: keepPreviousData });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">Relationships</h1>
      <div className="flex flex-wrap items-end gap-3">
        <SearchForm value={q} placeholder="Ambassador, handle or brand" onSearch={(text) => set({ q: text })} />
        <FilterSelect
          label="Brand"
          any="All brands"
          value={brandId}
          options={brands.data?.data.map((b) => ({ value: b.id, label: b.name })) ?? []}
          onChange={(brand) => set({ brand })}
        />
        <FilterSelect label="Status" any="Any status" value={status} options={statuses} onChange={(s) => set({ status: s })} />
      </div>
      <Card title="Ambassador relationships">
        <QueryState
          query={list}
          what="relationships"
          isEmpty={(l) => l.data.length === 0}
          empty={
            q || brandId || status
              ? 'No relationship matches these filters.'
              : 'No relationships yet: pair a brand with an influencer (POST /v1/relationships).'
          }
        >
          {(l) => (
            <>
              <Table
                caption="Relationships"
                head={
                  <>
                    <SortTh label="Ambassador" sortKey="name" sort={sort} onSort={(next) => set({ sort: next })} />
                    <Th>Handle</Th>
                    <SortTh label="Tier" sortKey="tier" sort={sort} onSort={(next) => set({ sort: next })} />
                    <SortTh label="Brand" sortKey="brand" sort={sort} onSort={(next) => set({ sort: next })} />
                    <SortTh label="Status" sortKey="status" sort={sort} onSort={(next) => set({ sort: next })} />
                    <SortTh label="Term ends" sortKey="termEnd" sort={sort} onSort={(next) => set({ sort: next })} />
                    <SortTh label="Quarter ROI" sortKey="quarterRoi" sort={sort} onSort={(next) => set({ sort: next })} num />
                    <SortTh label="Since" sortKey="createdAt" sort={sort} onSort={(next) => set({ sort: next })} />
                  </>
                }
              >
                {l.data.map((r) => (
                  <tr key={r.id}>
                    <Td>
                      <Link className="font-medium text-indigo-800 hover:underline" to={`/relationships/${r.id}`}>
                        {r.influencer.name}
                      </Link>
                    </Td>
                    <Td>{r.influencer.handle ? `@${r.influencer.handle.replace(/^@/, '')}` : '—'}</Td>
                    <Td>{r.tier}</Td>
                    <Td>{r.brand.name}</Td>
                    <Td>
                      <Badge status={r.status} />
                    </Td>
                    <Td>{day(r.termEnd)}</Td>
                    <Td num>
                      <span
                        title={`${r.currentQuarter.quarter}: net revenue ${r.currentQuarter.netRevenue}, spend ${r.currentQuarter.spend}`}
                      >
                        {percent(r.currentQuarter.roi)}
                      </span>
                    </Td>
                    <Td>{day(r.createdAt)}</Td>
                  </tr>
                ))}
              </Table>
              <Pager cursor={cursor} next={l.nextCursor} onPage={(page) => set({ cursor: page })} />
            </>
          )}
        </QueryState>
      </Card>
    </div>
  );
}

/**
 * A column header that sorts the list on the server: the first click sorts ascending (newest and best ROI first
 * for those two), the next reverses. aria-sort tells assistive technology the current order.
 */
function SortTh({
  label,
  sortKey,
  sort,
  onSort,
  num,
}: {
  label: string;
  sortKey: SortKey;
  sort: Sort;
  onSort: (next: Sort) => void;
  num?: boolean;
}) {
  const active = sort.replace(/^-/, '') === sortKey;
  const descending = sort.startsWith('-');
  const firstWay: Sort = sortKey === 'createdAt' || sortKey === 'quarterRoi' ? `-${sortKey}` : sortKey;
  const next: Sort = active ? ((descending ? sortKey : `-${sortKey}`) as Sort) : firstWay;
  return (
    <th
      scope="col"
      aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
      className={`px-4 py-2 font-medium ${num ? 'num' : ''}`}
    >
      <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-900" onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true" className={active ? 'text-indigo-700' : 'text-slate-300'}>
          {active && !descending ? '▲' : '▼'}
        </span>
      </button>
    </th>
  );
}
