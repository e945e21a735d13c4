import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { day, percent } from '../../lib/format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { QueryState } from '../../ui/states';
import { Table, Td, Th } from '../../ui/table';
import { useTitle } from '../../ui/title';

type Sort = NonNullable<NonNullable<paths['/v1/relationships']['get']['parameters']['query']>['sort']>;
type SortKey = Exclude<Sort, `-${string}`>;
const statuses = ['prospect', 'active', 'lapsed', 'ended'] as const;
type Status = (typeof statuses)[number];
const DEFAULT_SORT: Sort = '-createdAt';
const sortKeys: SortKey[] = ['createdAt', 'name', 'brand', 'tier', 'status', 'termEnd', 'quarterRoi'];
const isSort = (value: string | null): value is Sort => sortKeys.includes((value ?? '').replace(/^-/, '') as SortKey);

/** Every ambassador relationship; filters, search, sort and the page cursor live in the URL, so links and Back work. */
export function RelationshipsPage() {
  useTitle('Relationships');
  const [params, setParams] = useSearchParams();
  const brandId = params.get('brand') ?? undefined;
  const status = (params.get('status') as Status | null) ?? undefined;
  const q = params.get('q') ?? undefined;
  const cursor = params.get('cursor') ?? undefined;
  const sort: Sort = isSort(params.get('sort')) ? (params.get('sort') as Sort) : DEFAULT_SORT;
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // A new filter starts from the first page.
    if (!('cursor' in changes)) next.delete('cursor');
    setParams(next);
  };
  const brands = useQuery({
    queryKey: ['brands'],
    queryFn: () => unwrap(api.GET('/v1/brands', { params: { query: { limit: 200 as never } } })),
  });
  const list = useQuery({
    queryKey: ['relationships', brandId, status, q, sort, cursor],
    queryFn: () => unwrap(api.GET('/v1/relationships', { params: { query: { brandId, status, q, sort, cursor, limit: 50 as never } } })),
    placeholderData: keepPreviousData,
  });
  const [search, setSearch] = useState(q ?? '');
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    set({ q: search.trim() || undefined });
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">Relationships</h1>
      <div className="flex flex-wrap items-end gap-3">
        <form role="search" onSubmit={submitSearch} className="flex items-end gap-2">
          <label className="flex flex-col text-sm">
            <span className="font-medium text-slate-700">Search</span>
            <input
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Ambassador, handle or brand"
              className="rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <Button type="submit">Search</Button>
        </form>
        <label className="flex flex-col text-sm">
          <span className="font-medium text-slate-700">Brand</span>
          <select
            className="rounded-md border border-slate-300 px-2 py-1"
            value={brandId ?? ''}
            onChange={(e) => set({ brand: e.target.value || undefined })}
          >
            <option value="">All brands</option>
            {brands.data?.data.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium text-slate-700">Status</span>
          <select
            className="rounded-md border border-slate-300 px-2 py-1"
            value={status ?? ''}
            onChange={(e) => set({ status: e.target.value || undefined })}
          >
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
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
              {(cursor || l.nextCursor) && (
                <nav aria-label="Pages" className="flex justify-end gap-2 border-t border-slate-100 px-4 py-2">
                  {cursor && <Button onClick={() => set({ cursor: undefined })}>First page</Button>}
                  {l.nextCursor && <Button onClick={() => set({ cursor: l.nextCursor ?? undefined })}>Next page</Button>}
                </nav>
              )}
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
